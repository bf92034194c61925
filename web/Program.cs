using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Web;
using Buurt.Web.Api;
using Buurt.Web.Auth;
using Buurt.Web.Components;
using Buurt.Web.Sites;

var builder = WebApplication.CreateBuilder(args);
builder.AddPageHostDefaults("web");
builder.Services.AddTenancy();
builder.Services.AddRazorComponents();
builder.Services.AddGatewayApis(builder.Configuration);
builder.Services.AddSites();
builder.AddResidentSignIn();

var app = builder.Build();
app.UseForwardedFromGateway();
// Before the error pages: a re-executed "not found" keeps the reader's language.
app.UseSiteLanguage();
app.UseExceptionHandler("/fout", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/niet-gevonden", createScopeForStatusCodePages: true);
app.MapPageHostDefaults();
app.UseTenancy();
app.UsePagePolicy();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapSiteEndpoints();
app.MapBudgetExport();
app.MapPersonExport();
app.MapSignIn();
app.MapRazorComponents<App>();
app.Run();

using Buurt.Identity.Api;
using Buurt.Identity.Api.Account;
using Buurt.Identity.Data;
using Buurt.Identity.Messaging;
using Buurt.Identity.UseCases;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Redis;
using Buurt.Ui;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<IdentityServiceDbContext>();
builder.AddMessaging<IdentityServiceDbContext>(bus => bus.AddIdentityConsumers());
builder.AddIdentityServer(builder.AddRedis());
builder.Services.AddHostedService<DemoData>();
builder.Services.AddHostedService<OperatorClient>();
builder.Services.AddUseCases();
builder.Services.AddAccountPages();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapAreas();
api.MapMe();
api.MapMyAccount();
api.MapRegistrations();
api.MapAreasAdmin();
api.MapUsers();
api.MapBranding();
app.MapTenants();
app.UseAntiforgery();
app.UsePageLanguage(AccountPages.Path);
app.MapTokenEndpoint();
app.MapAuthorizeEndpoints();
app.MapAccountPages();
app.Run();

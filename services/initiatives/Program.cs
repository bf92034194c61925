using Buurt.Initiatives.Api;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("initiatives");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<InitiativesDbContext>();
builder.AddMessaging<InitiativesDbContext>();
builder.Services.Configure<AreaCatalogOptions>(builder.Configuration.GetSection("Areas"));
builder.Services.AddSingleton<IAreaCatalog, ConfiguredAreaCatalog>();

var app = builder.Build();
app.MapServiceDefaults().MapInitiatives();
app.Run();

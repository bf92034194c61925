using Buurt.Areas;
using Buurt.Initiatives.Api;
using Buurt.Initiatives.Data;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("initiatives");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<InitiativesDbContext>();
builder.AddMessaging<InitiativesDbContext>(bus => bus.AddAreaCopyConsumers());
builder.AddAreaCopy<InitiativesDbContext>();

var app = builder.Build();
app.MapServiceDefaults().MapInitiatives();
app.Run();

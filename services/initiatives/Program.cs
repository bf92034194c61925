using Buurt.Initiatives.Api;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Messaging;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("initiatives");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<InitiativesDbContext>();
builder.AddMessaging<InitiativesDbContext>(bus =>
{
    bus.AddConsumer<AreaRegisteredConsumer>();
    bus.AddConsumer<AreaChangedConsumer>();
});
builder.Services.AddHttpClient(nameof(AreaCatchUp));
builder.Services.AddSingleton<AreaCatchUp>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AreaCatchUp>());
builder.Services.AddHealthChecks().AddCheck<AreaCatchUp>("areas", tags: [HealthEndpoints.Ready]);

var app = builder.Build();
app.MapServiceDefaults().MapInitiatives();
app.Run();

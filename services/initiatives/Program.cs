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
    bus.AddConsumer<FundsReservedConsumer>();
    bus.AddConsumer<FundsReservationRejectedConsumer>();
});
builder.Services.AddHttpClient(nameof(AreaCatchUp));
builder.Services.AddSingleton<AreaCatchUp>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AreaCatchUp>());
builder.Services.AddHealthChecks().AddCheck<AreaCatchUp>("areas", tags: [HealthEndpoints.Ready]);
builder.Services.AddSingleton<DeadlineWatch>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
builder.Services.AddSingleton<InitiativeMetrics>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InitiativeMetrics>());

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapInitiatives().MapLifeCycle().MapDeals().MapParticipation().MapConversation().MapEvaluation();
api.MapPriorities();
api.MapSettings();
api.MapStatistics();
app.Run();

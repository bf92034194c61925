using Buurt.AreaCopy;
using Buurt.Initiatives.Api;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Messaging;
using Buurt.Initiatives.UseCases;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("initiatives");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<InitiativesDbContext>();
builder.AddMessaging<InitiativesDbContext>(bus => bus.AddInitiativesConsumers());
builder.AddAreaCopy<InitiativesDbContext>();
builder.Services.AddUseCases();
builder.AddDeadlineWatch();
builder.AddInitiativeMetrics();
builder.Services.AddHostedService<DemoData>();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapInitiatives().MapLifeCycle().MapDeals().MapParticipation().MapConversation().MapEvaluation();
api.MapPriorities();
api.MapSettings();
api.MapStatistics();
app.Run();

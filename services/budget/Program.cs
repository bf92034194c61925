using Buurt.AreaCopy;
using Buurt.Budget.Api;
using Buurt.Budget.Data;
using Buurt.Budget.Messaging;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("budget");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<BudgetDbContext>();
builder.AddMessaging<BudgetDbContext>(bus =>
{
    bus.AddAreaCopyConsumers();
    bus.AddConsumer<InitiativeSubmittedConsumer>();
    bus.AddGroupConsumer<DealProposedConsumer, DealProposed>();
    bus.AddConsumer<DealAcceptedConsumer>();
    bus.AddConsumer<InitiativeWithdrawnConsumer>();
    bus.AddConsumer<InitiativeDeclinedConsumer>();
    bus.AddConsumer<InitiativeCompletedConsumer>();
});
builder.AddAreaCopy<BudgetDbContext>();
builder.Services.AddScoped<Books>();
builder.Services.AddHostedService<DemoBudgets>();
builder.Services.Configure<BudgetOptions>(builder.Configuration.GetSection("Budget"));
builder.Services.AddSingleton<BudgetMetrics>();
builder.Services.AddHostedService<BudgetMetricsRefresher>();

var app = builder.Build();
app.UseIdempotencyKeys();
var api = app.MapServiceDefaults();
api.MapBudgets();
api.MapAwards();
api.MapPipeline();
app.Run();

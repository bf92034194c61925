using Buurt.AreaCopy;
using Buurt.Budget.Api;
using Buurt.Budget.Data;
using Buurt.Budget.Messaging;
using Buurt.Budget.UseCases;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Idempotency;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("budget");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<BudgetDbContext>();
builder.AddIdempotencyKeys<BudgetDbContext>();
builder.AddMessaging<BudgetDbContext>(bus => bus.AddBudgetConsumers());
builder.AddAreaCopy<BudgetDbContext>();
builder.Services.AddUseCases();
builder.AddBudgetMetrics();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapBudgets();
api.MapAwards();
api.MapPipeline();
app.Run();

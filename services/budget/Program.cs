using Buurt.Budget.Api;
using Buurt.Budget.Data;
using Buurt.Budget.Messaging;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("budget");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<BudgetDbContext>();
builder.AddMessaging<BudgetDbContext>(bus => bus.AddConsumer<InitiativeSubmittedConsumer>());

var app = builder.Build();
app.MapServiceDefaults().MapPipeline();
app.Run();

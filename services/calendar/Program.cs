using Buurt.AreaCopy;
using Buurt.Calendar.Api;
using Buurt.Calendar.Data;
using Buurt.Calendar.Messaging;
using Buurt.Calendar.UseCases;
using Buurt.Messaging;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Idempotency;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("calendar");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<CalendarDbContext>();
builder.AddIdempotencyKeys<CalendarDbContext>();
builder.AddMessaging<CalendarDbContext>(bus => bus.AddCalendarConsumers());
builder.AddAreaCopy<CalendarDbContext>();
builder.Services.AddUseCases();
builder.AddCalendarMetrics();
builder.AddReminderWatch();
builder.AddSessionRepublish();
builder.AddCopyRequests();
builder.AddResidentNames();
builder.Services.AddFeeds();
builder.Services.AddHostedService<DemoActivities>();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapActivities();
api.MapRegistrations();
api.MapOfficeHours();
api.MapBookings();
api.MapAgenda();
api.MapFeeds();
api.MapPersonalFeeds();
app.Run();

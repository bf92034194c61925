using Buurt.Messaging;
using Buurt.Notifications.Api;
using Buurt.Notifications.Data;
using Buurt.Notifications.Messaging;
using Buurt.Notifications.UseCases;
using Buurt.ServiceDefaults;
using Buurt.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notifications");
builder.Services.AddValidation(); // generated here, for this service's request types
builder.AddServiceDatabase<NotificationsDbContext>();
builder.AddMessaging<NotificationsDbContext>(bus => bus.AddNotificationConsumers());
builder.AddUseCases();
builder.AddNotificationMetrics();
builder.AddMailSending();
builder.AddFollowerRequests();

var app = builder.Build();
var api = app.MapServiceDefaults();
api.MapInbox();
api.MapPreferences();
api.MapUnsubscribe();
api.MapMails();
api.MapPush();
app.Run();

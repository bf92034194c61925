namespace Buurt.Notifications.UseCases;

/// <summary>Registers the notifications' use cases and their settings (section "Notifications").</summary>
public static class UseCasesSetup
{
    public static IHostApplicationBuilder AddUseCases(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.AddScoped<Announcements>();
        builder.Services.AddScoped<InitiativeNews>();
        builder.Services.AddScoped<CalendarNews>();
        builder.Services.AddScoped<ContactsNews>();
        builder.Services.AddScoped<AccountCopy>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<PreferenceSettings>();
        builder.Services.AddScoped<MailDelivery>();
        builder.Services.AddScoped<PushDelivery>();
        builder.Services.AddScoped<PushSubscriptions>();
        builder.Services.AddScoped<MailQueueAdministration>();
        builder.Services.AddScoped<Housekeeping>();
        builder.Services.AddScoped<Digests>();
        return builder;
    }
}

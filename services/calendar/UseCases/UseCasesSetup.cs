using Buurt.Calendar.Data;

namespace Buurt.Calendar.UseCases;

/// <summary>The use cases, scoped: they share the request's (or the message's) DbContext, so one save commits a step.</summary>
public static class UseCasesSetup
{
    public static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddSingleton<TimeZones>()
        .AddSingleton<OfficeHourCache>()
        .AddScoped<Scheduling>()
        .AddScoped<InitiativeCopy>()
        .AddScoped<Registrations>()
        .AddScoped<OfficeHours>()
        .AddScoped<HolidayCopy>()
        .AddScoped<NetworkCopy>()
        .AddScoped<PersonalFeeds>()
        .AddScoped<Reminders>()
        .AddScoped<ResidentNames>();
}

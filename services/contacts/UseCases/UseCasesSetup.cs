using Buurt.Contacts.Data;

namespace Buurt.Contacts.UseCases;

/// <summary>The use cases, scoped: they share the request's (or the message's) DbContext, so one save commits a step. And the demo network.</summary>
public static class UseCasesSetup
{
    public static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddSingleton<NetworkVersions>()
        .AddScoped<NetworkDirectory>()
        .AddScoped<CalendarCopy>()
        .AddScoped<Organisations>()
        .AddScoped<People>()
        .AddScoped<Assignments>()
        .AddScoped<Venues>()
        .AddScoped<NetworkSettings>()
        .AddScoped<ConsentLinks>()
        .AddScoped<Verifications>()
        .AddScoped<ListingReports>()
        .AddScoped<OpenData>()
        .AddHostedService<DemoNetwork>();
}

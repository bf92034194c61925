namespace Buurt.Budget.UseCases;

/// <summary>Registers the budget's use cases (and the demo books booked through them).</summary>
public static class UseCasesSetup
{
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<Data.LockedBooks>();
        services.AddScoped<DealFunding>();
        services.AddScoped<BudgetBookings>();
        services.AddScoped<AwardRules>();
        services.AddHostedService<DemoBudgets>();
        return services;
    }
}

namespace Buurt.Identity.UseCases;

public static class UseCasesSetup
{
    /// <summary>Identity's use cases, one scoped class per area of work.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddScoped<ResidentRegistration>()
        .AddScoped<PasswordResets>()
        .AddScoped<PasswordSignIn>()
        .AddScoped<StaffAccounts>()
        .AddScoped<AreaAdministration>()
        .AddScoped<AccountEvents>()
        .AddScoped<AccountSettings>()
        .AddScoped<TenantOnboarding>()
        .AddScoped<TenantBranding>()
        .AddScoped<AreaImport>();
}

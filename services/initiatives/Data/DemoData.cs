using Buurt.Contracts;
using Buurt.Initiatives.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Data;

/// <summary>
/// The demo municipalities' settings ("Demo:Enabled", Development only): the default promises,
/// the Dutch public holidays of 2026 and 2027, and the sub-themes of the papers. Idempotent.
/// </summary>
internal sealed class DemoData(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    private static readonly DateOnly[] s_holidays =
    [
        new(2026, 1, 1), new(2026, 4, 6), new(2026, 4, 27), new(2026, 5, 5), new(2026, 5, 14), new(2026, 5, 25), new(2026, 12, 25), new(2026, 12, 26),
        new(2027, 1, 1), new(2027, 3, 29), new(2027, 4, 27), new(2027, 5, 5), new(2027, 5, 6), new(2027, 5, 17), new(2027, 12, 25), new(2027, 12, 26),
    ];

    private static readonly SubTheme[] s_subThemes =
    [
        new(Theme.Fysiek, "Groen"), new(Theme.Fysiek, "Spelen"), new(Theme.Fysiek, "Verkeer"), new(Theme.Fysiek, "Zwerfafval"),
        new(Theme.Sociaal, "Ontmoeting"), new(Theme.Sociaal, "Jongeren"), new(Theme.Sociaal, "Eenzaamheid"), new(Theme.Sociaal, "Energie"),
        new(Theme.Sociaal, "Cultuur"), new(Theme.Veilig, "Veiligheid"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InitiativesDbContext>();
        foreach (var tenant in new[] { "hilversum", "voorbeeldstad" })
        {
            if (await db.Settings.IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenant, cancellationToken))
            {
                continue;
            }
            var settings = TenantSettings.Default(tenant);
            settings.Change(settings.FastTrackMaxAmount, settings.ResponseDays, s_holidays, s_subThemes, settings.RatingPeriodDays);
            db.Settings.Add(settings);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.UseCases;

/// <summary>How the municipality works the cycle (<see cref="TenantSettings"/>), changed by its admin.</summary>
public sealed class MunicipalitySettings(InitiativesDbContext db)
{
    /// <summary>Replaces every setting at once; the first change stores the municipality's own settings.</summary>
    public async Task<TenantSettings> ChangeAsync(decimal fastTrackMaxAmount, IReadOnlyDictionary<InitiativeStatus, int> responseDays,
        IReadOnlyList<DateOnly> holidays, IReadOnlyList<SubTheme> subThemes, int ratingPeriodDays, CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        settings.Change(fastTrackMaxAmount, responseDays, holidays, subThemes, ratingPeriodDays);
        if (db.Entry(settings).State == EntityState.Detached)
        {
            db.Settings.Add(settings);
        }
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>A copy of the holidays asked for them: the current list goes out as <c>HolidaysChanged</c> (the inbox's transaction saves it).</summary>
    public async Task ShareHolidaysAsync(CancellationToken cancellationToken) =>
        db.AddIntegrationEvent((await db.SettingsAsync(cancellationToken)).HolidaysNow(DateTimeOffset.UtcNow));
}

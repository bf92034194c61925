using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.UseCases;

/// <summary>The copy of identity's display names: kept from its account events, forgotten when an account is erased.</summary>
public sealed class ResidentNames(Data.CalendarDbContext db, ITenantContext tenant)
{
    /// <summary>An account was made or changed (or replayed): its name as of <paramref name="at"/>.</summary>
    public async Task KeepAsync(Guid accountId, string? displayName, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await RowAsync(accountId, cancellationToken)).Take(displayName, at);

    /// <summary>An account was erased: its name leaves the copy.</summary>
    public async Task ErasedAsync(Guid accountId, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await RowAsync(accountId, cancellationToken)).Erase(at);

    private async Task<ResidentName> RowAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var row = await db.ResidentNames.FirstOrDefaultAsync(n => n.AccountId == accountId, cancellationToken);
        if (row is null)
        {
            row = new ResidentName(tenant.RequiredTenantId, accountId);
            db.ResidentNames.Add(row);
        }
        return row;
    }
}

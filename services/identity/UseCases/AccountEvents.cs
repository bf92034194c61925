using Buurt.Contracts.Identity;
using Buurt.Identity.Data;
using Buurt.Messaging;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>
/// The events that tell other services about accounts (identity owns addresses and names; the
/// notifications service keeps a copy to reach people). Each is added to the outbox in the same
/// transaction as the change it reports.
/// </summary>
public sealed class AccountEvents(UserManager<BuurtUser> users, IdentityServiceDbContext db, TimeProvider time)
{
    /// <summary>A new account, with its roles and wijken as they were just stored.</summary>
    public async Task RegisteredAsync(BuurtUser account, bool selfRegistered, CancellationToken cancellationToken)
    {
        var (roles, wijken) = await RolesAndWijkenAsync(account, cancellationToken);
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new AccountRegistered(account.TenantId, Guid.CreateVersion7(now), now, account.Id, account.Email!,
            account.DisplayName, account.Language, roles, wijken, selfRegistered) { PhoneNumber = account.PhoneNumber });
    }

    /// <summary>The account's whole current state (a change, or a replay for a new copy).</summary>
    public async Task ChangedAsync(BuurtUser account, CancellationToken cancellationToken)
    {
        var (roles, wijken) = await RolesAndWijkenAsync(account, cancellationToken);
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new AccountChanged(account.TenantId, Guid.CreateVersion7(now), now, account.Id, account.Email!,
            account.DisplayName, account.Language, roles, wijken) { PhoneNumber = account.PhoneNumber });
    }

    public void Erased(BuurtUser account)
    {
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new AccountErased(account.TenantId, Guid.CreateVersion7(now), now, account.Id));
    }

    /// <summary>A password-reset code for the notifications service to mail (a secret: see <see cref="Contracts.ICarriesSecret"/>).</summary>
    public void PasswordResetRequested(BuurtUser account, string code, string language)
    {
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new PasswordResetRequested(account.TenantId, Guid.CreateVersion7(now), now, account.Id, account.Email!,
            account.DisplayName, language, code));
    }

    /// <summary>A new colleague's invitation code, to mail.</summary>
    public void StaffInvited(BuurtUser account, string code)
    {
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new StaffInvited(account.TenantId, Guid.CreateVersion7(now), now, account.Id, account.Email!,
            account.DisplayName, account.Language, code));
    }

    private async Task<(IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken)> RolesAndWijkenAsync(BuurtUser account, CancellationToken cancellationToken)
    {
        var roles = (await users.GetRolesAsync(account)).ToList();
        var wijken = await db.UserAreaScopes.Where(s => s.UserId == account.Id).Select(s => s.AreaId).ToListAsync(cancellationToken);
        if (account.HomeAreaId is { } home && roles.Contains(BuurtRoles.Resident) && !wijken.Contains(home))
        {
            wijken.Add(home);
        }
        return (roles, wijken);
    }
}

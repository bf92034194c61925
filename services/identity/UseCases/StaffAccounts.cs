using Buurt.Identity.Data;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.UseCases;

/// <summary>
/// Staff accounts, kept by the tenant admin. A new one has no password: the new colleague gets an
/// invitation code by mail (the notifications service mails <c>StaffInvited</c>) and chooses a
/// password with it (<see cref="PasswordResets.ConfirmAsync"/>). Roles and wijken change with
/// <c>AccountChanged</c> (the copies in notifications and calendar follow); a deactivated account
/// keeps its name and address but loses its roles and wijken and is locked out until reactivated.
/// Every account is sought in the request's municipality only: another's is "not found".
/// </summary>
public sealed class StaffAccounts(UserManager<BuurtUser> users, IdentityServiceDbContext db, ITenantContext tenant, AccountEvents events)
{
    /// <summary>The new account, its role and the wijken it works for.</summary>
    public sealed record Created(BuurtUser Account, string Role, IReadOnlyList<Guid> Wijken);

    /// <summary>A staff account as the administrator sees it: invited (no password yet), active or deactivated.</summary>
    public sealed record Member(BuurtUser Account, IReadOnlyList<string> Roles, IReadOnlyList<Guid> Wijken)
    {
        public string Status => Account.IsDeactivated ? "deactivated" : Account.PasswordHash is null ? "invited" : "active";
    }

    /// <summary>The account, its roles and wijken, its registration and its invitation, in one transaction.</summary>
    /// <remarks>Colleagues of a Dutch municipality read Dutch unless <paramref name="language"/> says "en".</remarks>
    public Task<Created> CreateAsync(string email, string displayName, string role, IEnumerable<Guid> wijken, CancellationToken cancellationToken,
        string? language = null) =>
        CreateAsync(email, displayName, [role], wijken, cancellationToken, language, roleField: "role");

    /// <inheritdoc cref="CreateAsync(string, string, string, IEnumerable{Guid}, CancellationToken, string?)"/>
    public async Task<Created> CreateAsync(string email, string displayName, IReadOnlyList<string> roles, IEnumerable<Guid> wijken,
        CancellationToken cancellationToken, string? language = null, string roleField = "roles")
    {
        var tenantId = tenant.RequiredTenantId;
        var scope = wijken.Distinct().ToList();
        var asked = roles.Distinct().ToList();
        StaffRoles.Check(asked, scope, roleField);
        await CheckWijkenAsync(scope, cancellationToken);
        if (await users.FindInTenantAsync(tenantId, email) is not null)
        {
            throw RuleException.Conflict("There is already an account with this e-mail address here.");
        }

        var account = BuurtUser.New(tenantId, email, displayName);
        account.EmailConfirmed = true; // the tenant admin knows the address
        account.Language = language == "en" ? "en" : "nl";
        // Its own transaction, or the caller's (a new municipality's first admin).
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            (await users.CreateAsync(account)).EnsureSucceeded("A staff account");
            (await users.AddToRolesAsync(account, asked)).EnsureSucceeded("A staff account's roles");
            db.UserAreaScopes.AddRange(scope.Select(w => new UserAreaScope { UserId = account.Id, AreaId = w }));
            await db.SaveChangesAsync(cancellationToken);
            await events.RegisteredAsync(account, selfRegistered: false, cancellationToken);
            events.StaffInvited(account, await users.GeneratePasswordResetTokenAsync(account));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return new Created(account, asked[0], scope);
    }

    /// <summary>The municipality's staff accounts (with a staff role, or deactivated), by name.</summary>
    public async Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var staffRoleIds = db.Roles.Where(r => StaffRoles.All.Contains(r.Name!)).Select(r => r.Id);
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId
                && (db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoleIds.Contains(ur.RoleId)) || u.LockoutEnd >= BuurtUser.DeactivatedUntil))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        var wijken = (await db.UserAreaScopes.Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken)).ToLookup(s => s.UserId, s => s.AreaId);
        return [.. accounts.Select(a => new Member(a, Ordered(roles[a.Id]), [.. wijken[a.Id]]))];
    }

    /// <summary>One staff account of the municipality; 404 for anyone else's (a resident's, another municipality's).</summary>
    public async Task<Member> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await MemberAsync(await StaffAccountAsync(id, cancellationToken), cancellationToken);

    /// <summary>
    /// Gives the account exactly these roles and wijken. An administrator keeps their own
    /// administrator role (someone must be able to undo a mistake); a deactivated account is not changed.
    /// </summary>
    public async Task<Member> ChangeRolesAsync(Guid id, IReadOnlyList<string> roles, IEnumerable<Guid> wijken, Guid? caller, CancellationToken cancellationToken)
    {
        var account = await StaffAccountAsync(id, cancellationToken);
        if (account.IsDeactivated)
        {
            throw RuleException.Conflict("This account is deactivated.");
        }
        var scope = wijken.Distinct().ToList();
        var asked = roles.Distinct().ToList();
        StaffRoles.Check(asked, scope);
        await CheckWijkenAsync(scope, cancellationToken);
        var current = await users.GetRolesAsync(account);
        if (account.Id == caller && current.Contains(BuurtRoles.TenantAdmin) && !asked.Contains(BuurtRoles.TenantAdmin))
        {
            throw RuleException.Invalid("roles", "You cannot take away your own administrator role; another administrator can.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (await users.RemoveFromRolesAsync(account, current.Except(asked))).EnsureSucceeded("A staff account's roles");
        (await users.AddToRolesAsync(account, asked.Except(current))).EnsureSucceeded("A staff account's roles");
        await ReplaceWijkenAsync(account, scope, cancellationToken);
        await events.ChangedAsync(account, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Member(account, Ordered(asked), scope);
    }

    /// <summary>
    /// Ends a colleague's access: no roles, no wijken, locked out until reactivated, and every code mailed
    /// before (an open invitation too) no longer works. Deactivating twice is the same as once; one's own account cannot be.
    /// </summary>
    public async Task<Member> DeactivateAsync(Guid id, Guid? caller, CancellationToken cancellationToken)
    {
        var account = await StaffAccountAsync(id, cancellationToken);
        if (account.Id == caller)
        {
            throw RuleException.Conflict("You cannot deactivate your own account; another administrator can.");
        }
        if (!account.IsDeactivated)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            (await users.RemoveFromRolesAsync(account, await users.GetRolesAsync(account))).EnsureSucceeded("Deactivating an account");
            await ReplaceWijkenAsync(account, [], cancellationToken);
            (await users.SetLockoutEnabledAsync(account, true)).EnsureSucceeded("Deactivating an account");
            (await users.SetLockoutEndDateAsync(account, BuurtUser.DeactivatedUntil)).EnsureSucceeded("Deactivating an account");
            (await users.UpdateSecurityStampAsync(account)).EnsureSucceeded("Deactivating an account");
            await events.ChangedAsync(account, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return new Member(account, [], []);
    }

    /// <summary>
    /// Gives a deactivated colleague access again, with the roles and wijken they get now (theirs
    /// went at deactivation). Their password stands; one who never chose one can be invited again.
    /// 409 for an account that is not deactivated: its roles change instead.
    /// </summary>
    public async Task<Member> ReactivateAsync(Guid id, IReadOnlyList<string> roles, IEnumerable<Guid> wijken, CancellationToken cancellationToken)
    {
        var account = await StaffAccountAsync(id, cancellationToken);
        if (!account.IsDeactivated)
        {
            throw RuleException.Conflict("This account is not deactivated; change its roles instead.");
        }
        var scope = wijken.Distinct().ToList();
        var asked = roles.Distinct().ToList();
        StaffRoles.Check(asked, scope);
        await CheckWijkenAsync(scope, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (await users.SetLockoutEndDateAsync(account, null)).EnsureSucceeded("Reactivating an account");
        (await users.AddToRolesAsync(account, asked)).EnsureSucceeded("Reactivating an account");
        await ReplaceWijkenAsync(account, scope, cancellationToken);
        await events.ChangedAsync(account, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Member(account, Ordered(asked), scope);
    }

    /// <summary>Mails an open invitation again, with a new code; 409 once the colleague has chosen a password or is deactivated.</summary>
    public async Task ResendInvitationAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await StaffAccountAsync(id, cancellationToken);
        if (account.IsDeactivated || account.PasswordHash is not null)
        {
            throw RuleException.Conflict(account.IsDeactivated ? "This account is deactivated." : "This colleague has accepted the invitation already.");
        }
        events.StaffInvited(account, await users.GeneratePasswordResetTokenAsync(account));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CheckWijkenAsync(List<Guid> scope, CancellationToken cancellationToken)
    {
        var known = await db.Areas.Where(a => scope.Contains(a.Id) && a.Kind == AreaKind.Wijk).CountAsync(cancellationToken);
        if (known != scope.Count)
        {
            throw RuleException.Invalid("wijken", "Every wijk must be a wijk of this municipality.");
        }
    }

    private async Task ReplaceWijkenAsync(BuurtUser account, List<Guid> scope, CancellationToken cancellationToken)
    {
        await db.UserAreaScopes.Where(s => s.UserId == account.Id && !scope.Contains(s.AreaId)).ExecuteDeleteAsync(cancellationToken);
        var kept = await db.UserAreaScopes.Where(s => s.UserId == account.Id).Select(s => s.AreaId).ToListAsync(cancellationToken);
        db.UserAreaScopes.AddRange(scope.Except(kept).Select(w => new UserAreaScope { UserId = account.Id, AreaId = w }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The account, if it is this municipality's and has (had) a staff role.</summary>
    private async Task<BuurtUser> StaffAccountAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = tenant.RequiredTenantId;
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.TenantId == tenantId, cancellationToken);
        if (account is not null && (account.IsDeactivated || (await users.GetRolesAsync(account)).Any(StaffRoles.All.Contains)))
        {
            return account;
        }
        throw RuleException.NotFound($"There is no staff account {id} in this municipality.");
    }

    private async Task<Member> MemberAsync(BuurtUser account, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(account);
        var wijken = await db.UserAreaScopes.Where(s => s.UserId == account.Id).Select(s => s.AreaId).ToListAsync(cancellationToken);
        return new Member(account, Ordered(roles), wijken);
    }

    /// <summary>Roles in the order of <see cref="StaffRoles.All"/>, so lists read the same each time.</summary>
    private static List<string> Ordered(IEnumerable<string> roles) =>
        [.. roles.OrderBy(StaffRoles.Rank).ThenBy(r => r, StringComparer.Ordinal)];
}

using System.Globalization;
using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.UseCases;

/// <summary>Asking for and confirming a new password, for the API and the pages alike.</summary>
public sealed class PasswordResets(UserManager<BuurtUser> users, IdentityServiceDbContext db, ITenantContext tenant, AccountEvents events)
{
    /// <summary>
    /// Has a code mailed (by the notifications service: <c>PasswordResetRequested</c>), in
    /// <paramref name="language"/> or else the account's own, if the account exists; says nothing
    /// either way, so no one learns who has an account.
    /// </summary>
    public async Task RequestAsync(string email, CultureInfo? language, CancellationToken cancellationToken)
    {
        // A deactivated account gets no code: a new password would end its lockout.
        if (await users.FindInTenantAsync(tenant.RequiredTenantId, email) is { IsDeactivated: false } user)
        {
            var code = await users.GeneratePasswordResetTokenAsync(user);
            events.PasswordResetRequested(user, code, language?.TwoLetterISOLanguageName ?? user.Language);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Sets the new password; an invalid "token" or "password" is a rule error naming that field.</summary>
    public async Task ConfirmAsync(string email, string token, string password)
    {
        var user = await users.FindInTenantAsync(tenant.RequiredTenantId, email) is { IsDeactivated: false } found ? found
            : throw RuleException.Invalid("token", "This code is not valid (any more).");
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            var field = reset.Errors.Any(e => e.Code == "InvalidToken") ? "token" : "password";
            throw RuleException.Invalid(field, string.Join(" ", reset.Errors.Select(e => e.Description)));
        }
        // A new password ends a lockout: the owner proved who they are.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }
}

using Buurt.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.Api;

/// <summary>Asking for and confirming a new password, for the API and the pages alike.</summary>
public sealed class PasswordResets(UserManager<BuurtUser> users, IMailer mailer)
{
    /// <summary>Mails a code if the account exists; says nothing either way, so no one learns who has an account.</summary>
    public async Task RequestAsync(string tenantId, string email, CancellationToken cancellationToken)
    {
        if (await users.FindInTenantAsync(tenantId, email) is { } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await mailer.SendAsync(new OutgoingMail(user.Email!, "Buurt: nieuw wachtwoord",
                "Kies een nieuw wachtwoord met de code in deze mail. Vroeg u dit niet aan, negeer deze mail dan.", token), cancellationToken);
        }
    }

    /// <summary>Null when done, else the field that is wrong ("token" or "password") and why.</summary>
    public async Task<(string Field, string[] Messages)?> ConfirmAsync(string tenantId, string email, string token, string password)
    {
        var user = await users.FindInTenantAsync(tenantId, email);
        if (user is null)
        {
            return ("token", ["This code is not valid (any more)."]);
        }
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return (reset.Errors.Any(e => e.Code == "InvalidToken") ? "token" : "password", [.. reset.Errors.Select(e => e.Description)]);
        }
        // A new password ends a lockout: the owner proved who they are.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return null;
    }
}

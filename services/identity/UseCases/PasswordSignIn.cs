using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Buurt.Identity.UseCases;

/// <summary>
/// Checks an e-mail address and password in the request's municipality, for the login page and the
/// password grant alike: every failure counts towards the lockout.
/// </summary>
public sealed class PasswordSignIn(UserManager<BuurtUser> users, SignInManager<BuurtUser> signIn, ITenantContext tenant)
{
    /// <summary>The account when the password is right; otherwise whether the account is locked out, or deactivated.</summary>
    public sealed record Check(BuurtUser? Account, bool LockedOut, bool Deactivated = false);

    public async Task<Check> CheckAsync(string email, string password)
    {
        var account = await users.FindInTenantAsync(tenant.RequiredTenantId, email);
        if (account is null)
        {
            return new Check(null, LockedOut: false);
        }
        if (account.IsDeactivated)
        {
            // Said only to whoever knows the password: nobody else learns that the account exists and was deactivated.
            return new Check(null, LockedOut: false, Deactivated: await users.CheckPasswordAsync(account, password));
        }
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        return result.Succeeded ? new Check(account, LockedOut: false) : new Check(null, result.IsLockedOut);
    }
}

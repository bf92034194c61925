using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Buurt.Identity.Data;

/// <summary>
/// An RSA key of the token server, kept in the database so that every replica signs and decrypts
/// with the same keys and a restart keeps tokens valid. See docs/identity.md for rotation.
/// </summary>
public sealed class SigningKey
{
    public const string Signing = "sig";
    public const string Encryption = "enc";

    public Guid Id { get; set; }

    /// <summary>sig or enc.</summary>
    public string Use { get; set; } = "";

    /// <summary>The PKCS#8 private key, encrypted when a key-encryption key is configured (<see cref="PrivateKeyProtection"/>).</summary>
    public byte[] PrivateKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the key only validates; it no longer signs.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public RsaSecurityKey ToSecurityKey(PrivateKeyProtection protection)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(protection.Unprotect(PrivateKey), out _);
        return new RsaSecurityKey(rsa) { KeyId = Id.ToString("N") };
    }
}

/// <summary>
/// Loads the keys into OpenIddict when its options are first built, creating the first pair if
/// there is none. Replicas starting at once agree through an advisory lock.
/// </summary>
internal sealed class SigningKeysSetup(IServiceScopeFactory scopes, TimeProvider time, PrivateKeyProtection protection) : IConfigureOptions<OpenIddictServerOptions>
{
    private const long LockId = 0x6275757274_6b6579; // "buurtkey"

    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>();
        // The keys live in the schema: make sure it is there, whoever asks first.
        db.Database.Migrate();
        using var transaction = db.Database.BeginTransaction();
        db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({LockId})");
        var keys = db.SigningKeys.OrderBy(k => k.RetiredAt != null).ThenByDescending(k => k.CreatedAt).ToList();
        // Keys stored in plain or under the previous key-encryption key are wrapped with the current one.
        foreach (var key in keys.Where(k => protection.NeedsRewrap(k.PrivateKey)))
        {
            key.PrivateKey = protection.Protect(protection.Unprotect(key.PrivateKey));
        }
        foreach (var use in new[] { SigningKey.Signing, SigningKey.Encryption })
        {
            if (!keys.Any(k => k.Use == use && k.RetiredAt is null))
            {
                using var rsa = RSA.Create(2048);
                var key = new SigningKey { Id = Guid.CreateVersion7(), Use = use, PrivateKey = protection.Protect(rsa.ExportPkcs8PrivateKey()), CreatedAt = time.GetUtcNow() };
                db.SigningKeys.Add(key);
                keys.Insert(0, key);
            }
        }
        db.SaveChanges();
        transaction.Commit();

        // Current keys first, newest first: OpenIddict signs with the first and accepts all.
        foreach (var key in keys.Where(k => k.Use == SigningKey.Signing))
        {
            options.SigningCredentials.Add(new SigningCredentials(key.ToSecurityKey(protection), SecurityAlgorithms.RsaSha256));
        }
        foreach (var key in keys.Where(k => k.Use == SigningKey.Encryption))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                key.ToSecurityKey(protection), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}

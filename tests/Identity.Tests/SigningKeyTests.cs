using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Buurt.Identity.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Identity.Tests;

/// <summary>The token server's private keys: encrypted at rest, and rotated without anyone signing in again.</summary>
public sealed class SigningKeyTests : IAsyncLifetime
{
    private static readonly string s_kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string s_nextKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<IAsyncDisposable> _parts = [];
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.CreateAsync();

    /// <summary>An identity; with <paramref name="sameDatabaseAs"/> a restart of that one (the same database).</summary>
    private TestIdentity Start(TestIdentity? sameDatabaseAs = null, string? kek = null, string? previousKek = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:KeyEncryptionKey"] = kek,
            ["Identity:PreviousKeyEncryptionKey"] = previousKek,
        };
        if (sameDatabaseAs is not null)
        {
            settings["ConnectionStrings:Database"] = ConnectionString(sameDatabaseAs);
        }
        // Replicas of one installation: one database and one issuer (the gateway's address in production).
        var identity = TestIdentity.Start(_broker, settings, sameDatabaseAs?.Issuer);
        _parts.Insert(0, identity);
        return identity;
    }

    private static string ConnectionString(TestIdentity identity) =>
        identity.Factory.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Database"]!;

    private static async Task<List<SigningKey>> KeysAsync(TestIdentity identity)
    {
        await using var scope = identity.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().SigningKeys.AsNoTracking().ToListAsync();
    }

    private static bool IsPlainPkcs8(byte[] stored)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(stored, out _);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The id of the key that signed a JWT (its header's kid).</summary>
    private static string KidOf(string token) => Jwts.Header(token).GetProperty("kid").GetString()!;

    private static async Task<HttpStatusCode> MeAsync(TestIdentity identity, string token)
    {
        using var client = identity.Client(Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(token);
        return (await client.GetAsync("/api/identity/v1/me")).StatusCode;
    }

    [Fact]
    public async Task With_a_key_encryption_key_no_private_key_in_the_database_is_readable_and_tokens_still_work()
    {
        var identity = Start(kek: s_kek);

        var token = await identity.TokenAsync(Demo.Hilversum, Demo.Resident);

        var keys = await KeysAsync(identity);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.False(IsPlainPkcs8(k.PrivateKey), $"the {k.Use} key is stored in plain"));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(identity, token));
    }

    [Fact]
    public async Task Keys_stored_in_plain_are_encrypted_at_the_next_start_and_the_key_encryption_key_rotates()
    {
        var plain = Start();
        Assert.All(await KeysAsync(plain), k => Assert.True(IsPlainPkcs8(k.PrivateKey)));
        var token = await plain.TokenAsync(Demo.Hilversum, Demo.Resident);

        var encrypted = Start(sameDatabaseAs: plain, kek: s_kek);
        var wrapped = await KeysAsync(encrypted);
        var rotated = Start(sameDatabaseAs: plain, kek: s_nextKek, previousKek: s_kek);
        var rewrapped = await KeysAsync(rotated);

        Assert.All(wrapped, k => Assert.False(IsPlainPkcs8(k.PrivateKey)));
        // The same keys (nothing signed before is lost), wrapped anew under the next key-encryption key.
        Assert.Equal(wrapped.Select(k => k.Id).Order(), rewrapped.Select(k => k.Id).Order());
        Assert.All(rewrapped, k => Assert.NotEqual(wrapped.Single(w => w.Id == k.Id).PrivateKey, k.PrivateKey));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(rotated, token));
        // Without the key they are encrypted with, a start fails and says why.
        var lost = Assert.ThrowsAny<Exception>(() => Start(sameDatabaseAs: plain, kek: s_kek));
        Assert.Contains("key-encryption key this process does not have", lost.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_signing_key_keeps_its_tokens_valid_while_new_tokens_use_the_next_key()
    {
        var before = Start(kek: s_kek);
        var oldToken = await before.TokenAsync(Demo.Hilversum, Demo.Resident);
        await using (var scope = before.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>().Database
                .ExecuteSqlRawAsync("UPDATE signing_keys SET retired_at = now() WHERE use = 'sig' AND retired_at IS NULL");
        }

        // A restart (a new replica on the same database) makes the next key.
        var after = Start(sameDatabaseAs: before, kek: s_kek);
        var newToken = await after.TokenAsync(Demo.Hilversum, Demo.Resident);

        Assert.NotEqual(KidOf(oldToken), KidOf(newToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(after, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(after, newToken));
        var jwks = await after.Client(null).GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        var published = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(KidOf(oldToken), published);
        Assert.Contains(KidOf(newToken), published);
    }

    [Fact]
    public void A_production_identity_without_its_key_encryption_key_does_not_start()
    {
        var refused = Assert.ThrowsAny<Exception>(() => TestIdentity.Start(_broker, new Dictionary<string, string?> { ["Identity:RequireKeyEncryption"] = "true" }));

        Assert.Contains("Identity:KeyEncryptionKey is not set", refused.ToString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }
        await _broker.DisposeAsync();
    }
}

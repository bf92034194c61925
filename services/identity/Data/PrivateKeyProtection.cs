using System.Security.Cryptography;

namespace Buurt.Identity.Data;

/// <summary>
/// Encrypts the token server's private keys at rest with a key that is not in the database (a
/// Kubernetes Secret: <c>Identity:KeyEncryptionKey</c>, 32 bytes in base64), so a copy of the
/// database or a backup holds no usable signing key. AES-256-GCM; a stored key is
/// <c>0x01 | KEK id (8) | nonce (12) | tag (16) | ciphertext</c>. A previous key-encryption key
/// (<c>Identity:PreviousKeyEncryptionKey</c>) still decrypts while every row is wrapped anew at
/// start. Without a key-encryption key the rows stay PKCS#8 as before, which only
/// <c>Identity:RequireKeyEncryption</c> (on in the Helm chart) refuses.
/// </summary>
public sealed class PrivateKeyProtection
{
    private const byte Format = 0x01;
    private const int IdSize = 8, NonceSize = 12, TagSize = 16;

    private readonly byte[]? _current;
    private readonly byte[]? _previous;

    public PrivateKeyProtection(IConfiguration configuration)
    {
        _current = Read(configuration, "Identity:KeyEncryptionKey");
        _previous = Read(configuration, "Identity:PreviousKeyEncryptionKey");
        if (_current is null && configuration.GetValue("Identity:RequireKeyEncryption", false))
        {
            throw new InvalidOperationException(
                "Identity:RequireKeyEncryption is on but Identity:KeyEncryptionKey is not set: give it 32 random bytes in base64 from a Secret (docs/operations.md, \"Rotate signing keys\").");
        }
        if (_current is null && _previous is not null)
        {
            throw new InvalidOperationException("Identity:PreviousKeyEncryptionKey is set without Identity:KeyEncryptionKey.");
        }
    }

    /// <summary>Whether new keys are stored encrypted.</summary>
    public bool Encrypts => _current is not null;

    public byte[] Protect(byte[] pkcs8)
    {
        if (_current is null)
        {
            return pkcs8;
        }
        var stored = new byte[1 + IdSize + NonceSize + TagSize + pkcs8.Length];
        stored[0] = Format;
        IdOf(_current).CopyTo(stored, 1);
        var nonce = stored.AsSpan(1 + IdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current, TagSize);
        aes.Encrypt(nonce, pkcs8, stored.AsSpan(1 + IdSize + NonceSize + TagSize), stored.AsSpan(1 + IdSize + NonceSize, TagSize), stored.AsSpan(0, 1 + IdSize));
        return stored;
    }

    public byte[] Unprotect(byte[] stored)
    {
        if (!IsEncrypted(stored))
        {
            return stored;
        }
        var id = stored[1..(1 + IdSize)];
        var key = new[] { _current, _previous }.FirstOrDefault(k => k is not null && IdOf(k).SequenceEqual(id))
            ?? throw new InvalidOperationException(
                "A signing key in the database is encrypted with a key-encryption key this process does not have (Identity:KeyEncryptionKey / Identity:PreviousKeyEncryptionKey).");
        var pkcs8 = new byte[stored.Length - 1 - IdSize - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(stored.AsSpan(1 + IdSize, NonceSize), stored.AsSpan(1 + IdSize + NonceSize + TagSize), stored.AsSpan(1 + IdSize + NonceSize, TagSize), pkcs8, stored.AsSpan(0, 1 + IdSize));
        return pkcs8;
    }

    /// <summary>A row stored in plain or under the previous key-encryption key, while there is a current one.</summary>
    public bool NeedsRewrap(byte[] stored) =>
        _current is not null && (!IsEncrypted(stored) || !stored.AsSpan(1, IdSize).SequenceEqual(IdOf(_current)));

    // PKCS#8 is DER: it starts with a SEQUENCE (0x30), never with our format byte.
    private static bool IsEncrypted(byte[] stored) => stored.Length > 0 && stored[0] == Format;

    private static byte[] IdOf(byte[] key) => SHA256.HashData(key)[..IdSize];

    private static byte[]? Read(IConfiguration configuration, string name)
    {
        if (configuration[name] is not { Length: > 0 } text)
        {
            return null;
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} must be 32 bytes in base64 (e.g. `openssl rand -base64 32`); it is not base64.");
        }
        return key.Length == 32 ? key
            : throw new InvalidOperationException($"{name} must be 32 bytes in base64 (e.g. `openssl rand -base64 32`); it is {key.Length} bytes.");
    }
}

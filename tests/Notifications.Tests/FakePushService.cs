using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Buurt.Notifications.Tests;

/// <summary>
/// A push service of the test's own on 127.0.0.1 (a real HTTP server): it accepts a message only
/// with the Web Push headers (TTL, Content-Encoding aes128gcm, a VAPID Authorization for its own
/// origin signed by the application server's key) and decrypts it with the browser's keys (RFC 8291),
/// as a browser would. <c>/gone/...</c> endpoints answer 410, as for an uninstalled app.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    /// <summary>The application server's VAPID key pair the fixture's service is configured with.</summary>
    public static (string PublicKey, string PrivateKey, ECDsa Key) Vapid { get; } = NewVapid();

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Browser> _browsers = new();

    private FakePushService(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Each message that arrived, decrypted, by endpoint id; and each refusal with its reason.</summary>
    public ConcurrentQueue<(string Id, JsonElement Message)> Received { get; } = new();

    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = ServiceFactory<FakePushService>.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var service = new FakePushService(app) { Address = new Uri($"http://127.0.0.1:{port}/") };
        app.MapPost("/push/{id}", service.ReceiveAsync);
        app.MapPost("/gone/{id}", () => Results.StatusCode(StatusCodes.Status410Gone));
        await app.StartAsync();
        return service;
    }

    /// <summary>A browser's subscription at this service: its endpoint and keys as PushSubscription.toJSON() has them.</summary>
    public (string Endpoint, string P256dh, string Auth) NewSubscription(bool gone = false)
    {
        var id = Guid.NewGuid().ToString("N");
        var browser = new Browser(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
        _browsers[id] = browser;
        return (new Uri(Address, $"{(gone ? "gone" : "push")}/{id}").ToString(), B64(browser.PublicKey), B64(browser.Auth));
    }

    private async Task<IResult> ReceiveAsync(string id, HttpRequest request)
    {
        if (!_browsers.TryGetValue(id, out var browser))
        {
            return Results.NotFound();
        }
        var problem = CheckHeaders(request);
        if (problem is not null)
        {
            Refused.Enqueue(problem);
            return Results.BadRequest(problem);
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        try
        {
            Received.Enqueue((id, JsonDocument.Parse(Decrypt(body.ToArray(), browser)).RootElement.Clone()));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or ArgumentException)
        {
            Refused.Enqueue($"decryption: {e.Message}");
            return Results.BadRequest();
        }
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private string? CheckHeaders(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("TTL", out var ttl) || !int.TryParse(ttl, out _))
        {
            return "no TTL";
        }
        if (request.Headers.ContentEncoding != "aes128gcm")
        {
            return $"Content-Encoding {request.Headers.ContentEncoding}";
        }
        // RFC 8292: Authorization: vapid t=<JWT>, k=<public key>
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return $"Authorization {authorization}";
        }
        var parts = authorization[6..].Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        if (parts["k"] != Vapid.PublicKey)
        {
            return "another application server key";
        }
        var jwt = parts["t"].Split('.');
        var claims = JsonDocument.Parse(Base64Url(jwt[1])).RootElement;
        // The origin of the endpoint; Lib.Net.Http.WebPush leaves a non-default port out (real push services are on 443).
        if (claims.GetProperty("aud").GetString() is not { } aud || aud != Address.GetLeftPart(UriPartial.Authority) && aud != $"{Address.Scheme}://{Address.Host}")
        {
            return $"aud {claims.GetProperty("aud")}";
        }
        return Vapid.Key.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64Url(jwt[2]), HashAlgorithmName.SHA256)
            ? null
            : "a VAPID signature that does not verify";
    }

    /// <summary>RFC 8291 / RFC 8188: the header (salt, record size, the sender's key), then one record, decrypted with the browser's keys.</summary>
    private static string Decrypt(byte[] body, Browser browser)
    {
        var salt = body[..16];
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
        });
        var ecdhSecret = browser.Key.DeriveRawSecretAgreement(sender.PublicKey);
        var keyInfo = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(browser.PublicKey).Concat(senderKey).ToArray();
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, HKDF.Extract(HashAlgorithmName.SHA256, ecdhSecret, browser.Auth), 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        var plain = new byte[cipher.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        // The last record ends with the delimiter 0x02, then padding zeros.
        var end = Array.LastIndexOf(plain, (byte)2);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    private static (string, string, ECDsa) NewVapid()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (B64([4, .. p.Q.X!, .. p.Q.Y!]), B64(p.D!), key);
    }

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var browser in _browsers.Values)
        {
            browser.Key.Dispose();
        }
    }

    private sealed record Browser(ECDiffieHellman Key, byte[] Auth)
    {
        public byte[] PublicKey { get; } = ToPoint(Key.ExportParameters(false).Q);

        private static byte[] ToPoint(ECPoint q) => [4, .. q.X!, .. q.Y!];
    }
}

using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Buurt.Gateway.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Buurt.Gateway.RateLimiting;

/// <summary>
/// Counts requests per client (the user once signed in, else the address) and rule in Redis (the
/// token endpoint's also per client and user name: <see cref="RateLimitRule.CredentialPermitLimit"/>), shared
/// by the replicas through leases of permits (<see cref="PermitLeases"/>: not a round trip per
/// request), and answers 429 with Retry-After above the limit. If Redis is away, requests pass
/// (fail open): a limiter must not take the platform down with it.
/// </summary>
public sealed class RedisRateLimitMiddleware(
    RequestDelegate next,
    PermitLeases leases,
    IOptionsMonitor<RateLimitOptions> options,
    TimeProvider time,
    IMeterFactory meters)
{
    private readonly Counter<long> _rejected = meters.Create("Buurt.Gateway").CreateCounter<long>(
        "buurt.gateway.rate_limited", "{request}", "Requests refused by the rate limiter.");

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || IsOperational(context.Request.Path))
        {
            await next(context);
            return;
        }

        var rule = settings.Rules.FirstOrDefault(r => r.PathPrefix is not null && context.Request.Path.StartsWithSegments(r.PathPrefix))
            ?? settings.Default;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)rule.Window.TotalMilliseconds;
        var windowStart = now - (now % windowMs);

        bool admitted;
        long count;
        var counted = "";
        try
        {
            (admitted, count) = await leases.AcquireAsync(Key(settings, rule, ClientKey(context), windowStart), rule, settings, windowStart, windowMs);
            if (admitted && rule.CredentialPermitLimit is { } credentialLimit && await CredentialKeyAsync(context) is { } credential)
            {
                // The account's own count: refused here, one account is locked out, not its whole address.
                var perCredential = new RateLimitRule { Name = rule.Name + "-credential", PermitLimit = credentialLimit, Window = rule.Window };
                var (credentialAdmitted, credentialCount) = await leases.AcquireAsync(
                    Key(settings, perCredential, credential, windowStart), perCredential, settings, windowStart, windowMs);
                if (!credentialAdmitted || credentialLimit - credentialCount < rule.PermitLimit - count)
                {
                    (rule, admitted, count, counted) = (perCredential, credentialAdmitted, credentialCount, " for this client and user");
                }
            }
        }
        catch (Exception ex) when (RedisCircuit.IsRedisFailure(ex))
        {
            // Logged once per outage by RedisCircuit, not once per request.
            await next(context);
            return;
        }

        var resetSeconds = (int)Math.Ceiling((windowStart + windowMs - now) / 1000.0);
        var limit = rule.PermitLimit;
        // Set as the response starts, after the output cache has copied a stored answer's headers:
        // a cached answer must carry this caller's count, not the one it was stored with.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = Math.Max(0, limit - count).ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (admitted)
        {
            await next(context);
            return;
        }

        _rejected.Add(1, new KeyValuePair<string, object?>("rule", rule.Name));
        context.Response.Headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"At most {rule.PermitLimit} requests per {rule.Window.TotalSeconds:0} seconds{counted}; try again in {resetSeconds} seconds.")
            .ExecuteAsync(context);
    }

    private static string Key(RateLimitOptions settings, RateLimitRule rule, string client, long windowStart) =>
        $"{settings.KeyPrefix}ratelimit:{rule.Name}:{client}:{windowStart}";

    /// <summary>
    /// Who a token request speaks for: its client and, in the password grant, the user name (case
    /// folded), hashed so no user name is written to Redis. Null for anything but the password and
    /// client-credentials grants. The form is read from a buffered body, rewound for the proxy.
    /// </summary>
    private static async ValueTask<string?> CredentialKeyAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return null;
        }
        request.EnableBuffering();
        var form = await request.ReadFormAsync(context.RequestAborted);
        request.Body.Position = 0;
        var client = form["client_id"].ToString();
        if (client.Length == 0 && AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var basic)
            && string.Equals(basic.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                client = Uri.UnescapeDataString(pair.Split(':', 2)[0]);
            }
            catch (FormatException)
            {
                // Not Basic credentials after all: counted as no client.
            }
        }
        // Only grants that carry a guessable secret: a password or a client secret. Codes and refresh
        // tokens are not guessable, and one public client's refreshes must not share a count.
        var user = form["grant_type"].ToString() switch
        {
            "password" => form["username"].ToString().Trim().ToLowerInvariant(),
            "client_credentials" => "",
            _ => null,
        };
        if (user is null)
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(client + "\n" + user));
        return "cred:" + Convert.ToHexString(hash, 0, 16);
    }

    // Probes and scrapes come from the cluster itself and must never be refused.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static string ClientKey(HttpContext context) =>
        context.User.FindFirstValue("sub") is { } subject
            ? "user:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

internal static class RateLimitSetup
{
    /// <summary>The limits of the "RateLimiting" section, counted under the gateway's Redis key prefix.</summary>
    public static void AddRedisRateLimits(this IServiceCollection services, IConfiguration configuration, string keyPrefix)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimiting"));
        services.Configure<RateLimitOptions>(o => o.KeyPrefix = keyPrefix);
        services.AddSingleton<PermitLeases>();
        services.TryAddSingleton<RedisCircuit>();
    }
}

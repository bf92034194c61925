using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Buurt.Gateway.Auth;

/// <summary>
/// The gateway's way of reading a request's token: a request without a bearer token is anonymous
/// without running the validation pipeline, and a token validated once is remembered (by its exact
/// text) until it expires, five minutes at most, so a client's next requests cost a dictionary
/// lookup instead of a signature check. A token that fails is never remembered; expiry is checked
/// on every request. Revocation is no different from before: the gateway validates tokens locally
/// (signature, issuer, lifetime) and never asked identity about a single token; services validate
/// every token again themselves.
/// </summary>
internal sealed class ValidatedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ValidatedTokens tokens,
    IAuthenticationHandlerProvider handlers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "gateway-token";

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The validation reads tokens from this header only (AuthSetup): without one it finds none.
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (tokens.Find(TokenOf(header)) is { } remembered)
        {
            return AuthenticateResult.Success(remembered);
        }
        // OpenIddict's request step (its transaction for this request) runs only here, for a token
        // this replica has not validated yet: GatewayAuthenticationSchemes keeps it off every other request.
        if (await handlers.GetHandlerAsync(Context, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler openIddict
            && await openIddict.HandleRequestAsync())
        {
            return AuthenticateResult.Fail("The token validation answered the request itself.");
        }
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            tokens.Remember(TokenOf(header).ToString(), result.Ticket);
        }
        return result;
    }

    private static ReadOnlySpan<char> TokenOf(string header) => header.AsSpan(Bearer.Length).Trim();
}

/// <summary>
/// The gateway's schemes, with no request handlers: ASP.NET Core's authentication middleware runs
/// every handler's request step on every request before authenticating, and OpenIddict's builds
/// its transaction there (two absolute URIs of the request and a pipeline of handlers), which only
/// the validation of a new token needs. <see cref="ValidatedTokenHandler"/> runs it then.
/// </summary>
internal sealed class GatewayAuthenticationSchemes(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        Task.FromResult(Enumerable.Empty<AuthenticationScheme>());
}

/// <summary>Tokens validated by this replica, with the moment each stops being valid.</summary>
public sealed class ValidatedTokens(TimeProvider time)
{
    /// <summary>How long a validated token is trusted without validating it again, if it lives that long.</summary>
    public static readonly TimeSpan RememberAtMost = TimeSpan.FromMinutes(5);

    /// <summary>More distinct tokens than this (a flood of fresh ones) and the list starts over.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    /// <summary>How many tokens this replica remembers now.</summary>
    public int Count => _tokens.Count;

    /// <summary>The ticket of a remembered token that has not expired; looked up by the header's characters, not a copy.</summary>
    public AuthenticationTicket? Find(ReadOnlySpan<char> token)
    {
        var lookup = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(token, out var entry))
        {
            return null;
        }
        if (entry.Until > time.GetUtcNow())
        {
            return entry.Ticket;
        }
        lookup.TryRemove(token, out _);
        return null;
    }

    public void Remember(string token, AuthenticationTicket ticket)
    {
        // Without a known expiry the token is validated every time.
        if (ticket.Principal.GetExpirationDate() is not { } expires)
        {
            return;
        }
        var until = new[] { expires, time.GetUtcNow() + RememberAtMost }.Min();
        if (_tokens.Count >= Capacity)
        {
            _tokens.Clear();
        }
        _tokens[token] = (ticket, until);
    }
}

internal static class ValidatedTokenSetup
{
    /// <summary>
    /// Token validation as every service has it (OpenIddict, "Auth" section), behind
    /// <see cref="ValidatedTokenHandler"/>: the scheme every authentication in the gateway asks.
    /// </summary>
    public static void AddRememberingTokenValidation(this WebApplicationBuilder builder)
    {
        builder.AddTokenValidation();
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddAuthentication(o => o.DefaultAuthenticateScheme = ValidatedTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ValidatedTokenHandler>(ValidatedTokenHandler.SchemeName, null);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, GatewayAuthenticationSchemes>());
    }
}

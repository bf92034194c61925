using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Buurt.Web.Auth;

/// <summary>
/// On every request of a signed-in user: when the access token expires within a minute, the refresh
/// token gets a new pair from identity and the session is saved with it. When identity refuses
/// (the refresh token expired or was revoked), the session ends: the user is anonymous again and a
/// page that needs sign-in sends them to identity and back.
/// </summary>
internal static partial class TokenRefresh
{
    private static readonly TimeSpan s_margin = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // Only pages and forms: the style sheets and scripts a page loads beside it would each refresh at once.
        if (System.IO.Path.HasExtension(context.Request.Path.Value))
        {
            return;
        }
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            return;
        }
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (expires - s_margin > time.GetUtcNow())
        {
            return;
        }
        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var tokens = refreshToken is null ? null : await RefreshAsync(context.HttpContext, refreshToken);
        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.UpdateTokenValue("access_token", tokens.Value.AccessToken);
        if (tokens.Value.RefreshToken is { } newRefresh)
        {
            context.Properties.UpdateTokenValue("refresh_token", newRefresh);
        }
        context.Properties.UpdateTokenValue("expires_at",
            time.GetUtcNow().AddSeconds(tokens.Value.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private static async Task<(string AccessToken, string? RefreshToken, int ExpiresIn)?> RefreshAsync(HttpContext http, string refreshToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId!,
            ["refresh_token"] = refreshToken,
        }), http.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenRefresh)), (int)response.StatusCode);
            return null;
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(http.RequestAborted);
        return (body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            body.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity refused to refresh a session ({Status}); the user signs in again")]
    private static partial void LogRefused(ILogger logger, int status);
}

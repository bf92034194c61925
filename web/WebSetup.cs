using Buurt.Web.Sites;
using Microsoft.AspNetCore.HttpOverrides;

namespace Buurt.Web;

internal static class WebSetup
{
    public static void AddSites(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<Site>();
        services.AddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Only the gateway reaches the web app (as only it reaches the services): the visitor's address
    /// and scheme come from its X-Forwarded-* headers. The gateway keeps the visitor's Host header
    /// (its web route), so links, redirects and sign-in use the municipality's own host name.
    /// </summary>
    public static void UseForwardedFromGateway(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        app.UseForwardedHeaders(options);
    }

    /// <summary>
    /// The pages' content security policy: our own scripts and styles only (no inline script, no
    /// inline style), forms only to ourselves, never framed. The gateway keeps a policy a page sets.
    /// Images also from the municipality's map tile server, when it has one.
    /// </summary>
    public static void UsePagePolicy(this WebApplication app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var tiles = http.RequestServices.GetRequiredService<Site>().Tiles is { } map ? " " + map.Origin : "";
                http.Response.Headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'; " +
                    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}

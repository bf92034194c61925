using Buurt.ServiceDefaults.Api;

namespace Buurt.Gateway.Forwarding;

/// <summary>
/// A route may allow bigger bodies than the gateway's default (256 KiB) with the route metadata
/// <c>MaxRequestBodyBytes</c>: e.g. identity's area imports, whose boundaries make big files.
/// </summary>
public static class RouteBodyLimits
{
    public const string MetadataKey = "MaxRequestBodyBytes";

    public static ReverseProxyConventionBuilder WithRouteBodyLimits(this ReverseProxyConventionBuilder proxy) =>
        proxy.ConfigureEndpoints((endpoint, route) =>
        {
            if (route.Metadata?.TryGetValue(MetadataKey, out var value) == true && long.TryParse(value, out var max))
            {
                endpoint.WithMetadata(new BodySizeLimit(max));
            }
        });
}

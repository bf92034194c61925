using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.ServiceDefaults.Api;

/// <summary>Bodies above <c>Limits:MaxRequestBodyBytes</c> (default 256 KiB) get a 413.</summary>
public static class RequestLimits
{
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    internal static void AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var max = configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = max;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            o.AddServerHeader = false;
        });
    }
}

/// <summary>An endpoint's own request body limit instead of the server's (ASP.NET Core's routing applies it).</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

using Yarp.ReverseProxy.Forwarder;

namespace Buurt.Gateway.Forwarding;

/// <summary>
/// YARP has no retries. When a request without a body and with an idempotent method could not
/// even connect to the destination load balancing chose (a pod gone, a port closed), it is sent
/// once more to another of the cluster's available destinations; the service never saw the first
/// attempt, so nothing happens twice. An answer the service gave, even a 500, or a timeout is never
/// retried: the service may have acted. With no other destination the failure stands and
/// <see cref="UnreachableServiceMiddleware"/> answers 503 with Retry-After. Runs in the proxy
/// pipeline before load balancing (it sees every available destination) and passive health
/// checks (each attempt counts for its own destination).
/// </summary>
internal sealed partial class RetryOnAnotherDestination(RequestDelegate next, ILogger<RetryOnAnotherDestination> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var available = proxy.AvailableDestinations;
        if (available.Count < 2 || !IsRepeatable(context))
        {
            await next(context);
            return;
        }
        await next(context);
        if (context.Response.HasStarted || !FailedToConnect(context.GetForwarderErrorFeature()) || proxy.ProxiedDestination is not { } tried)
        {
            return;
        }
        var others = available.Where(d => d != tried).ToList();
        LogRetry(logger, context.Request.Method, context.Request.Path, tried.DestinationId, proxy.Cluster.Config.ClusterId);
        // As if the first attempt had not happened: no error, no 502.
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.AvailableDestinations = others;
        await next(context);
    }

    private static bool IsRepeatable(HttpContext context) =>
        context.Request.Method is "GET" or "HEAD" or "OPTIONS" or "PUT" or "DELETE"
        && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true;

    private static bool FailedToConnect(IForwarderErrorFeature? failure) =>
        failure is { Error: ForwarderError.Request, Exception: var exception }
        && exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: no connection to {Destination} of {Cluster}; sent to another destination")]
    private static partial void LogRetry(ILogger logger, string method, string path, string destination, string cluster);
}

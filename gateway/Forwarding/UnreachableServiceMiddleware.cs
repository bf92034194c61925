using System.Globalization;
using Buurt.ServiceDefaults.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace Buurt.Gateway.Forwarding;

/// <summary>
/// When no instance of a service answers (connection refused, none healthy), YARP leaves a bare
/// 502 or 503. A client cannot tell that from a fault, so the gateway answers 503 with
/// <c>Retry-After</c> and a problem type naming the service instead; a timeout stays a 504, also
/// as problem details.
/// </summary>
internal sealed partial class UnreachableServiceMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<UnreachableServiceMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.HasStarted || context.GetForwarderErrorFeature() is not { } failure)
        {
            return;
        }
        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var problem = failure.Error switch
        {
            ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.NoAvailableDestinations =>
                Outages.Problem(Outages.ServiceType, $"The {service} service is unavailable right now."),
            ForwarderError.RequestTimedOut => new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status504GatewayTimeout,
                Detail = $"The {service} service did not answer in time; try again in {Outages.RetryAfterSeconds} seconds.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return;
        }
        LogUnreachable(logger, service, failure.Error, context.Request.Method, context.Request.Path);
        context.Response.StatusCode = problem.Status!.Value;
        context.Response.Headers.RetryAfter = Outages.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} unreachable ({Error}) for {Method} {Path}")]
    private static partial void LogUnreachable(ILogger logger, string service, ForwarderError error, string method, string path);
}

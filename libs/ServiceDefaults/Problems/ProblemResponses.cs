using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.ServiceDefaults.Problems;

/// <summary>Every error leaves as RFC 9457 problem details, with field errors in camelCase JSON names.</summary>
public static class ProblemResponses
{
    internal static void AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (problem is HttpValidationProblemDetails validation)
            {
                var errors = validation.Errors.ToDictionary(e => JsonFieldName(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    validation.Errors[field] = messages;
                }
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Minimal APIs then throw on unreadable bodies, so the handler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    /// <summary>"Location.Lat" becomes "location.lat", as the client wrote it.</summary>
    public static string JsonFieldName(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

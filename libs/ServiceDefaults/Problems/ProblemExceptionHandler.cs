using System.Text.Json;
using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Buurt.ServiceDefaults.Problems;

/// <summary>Turns exceptions into problem details; a dependency that is down is a 503 (<see cref="Outages"/>); only a real fault of ours is a 500.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => UnreadableJson(json),
            BadHttpRequestException bad when UnboundParameter().Match(bad.Message) is { Success: true } unbound => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [unbound.Groups["name"].Value] = [$"'{unbound.Groups["value"].Value}' is not a valid value here."] })
            {
                Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Detail = bad.Message },
            RuleException rule => ApiProblems.Of(rule),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Detail = ConcurrentChange,
            },
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Detail = AlreadyDone,
            },
            _ => Outages.ProblemFor(exception) ?? new ProblemDetails { Status = StatusCodes.Status500InternalServerError },
        };
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, context.Request.Method, context.Request.Path, problem.Type, exception.Message);
            context.Response.Headers.RetryAfter = Outages.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The one wording of a lost optimistic-concurrency race (409).</summary>
    public const string ConcurrentChange = "It was changed by someone else in the meantime; read it again and retry.";

    /// <summary>The one wording of a second of what may happen once (a unique key, 409).</summary>
    public const string AlreadyDone = "That already exists or was already done; it happens only once.";

    /// <summary>A body that is not JSON, or a field of the wrong type or an unknown value.</summary>
    private static ProblemDetails UnreadableJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is null)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Malformed JSON",
                Detail = "The request body is not well-formed JSON.",
            };
        }

        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [$"The value of '{field}' has the wrong type or is not one of the allowed values."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>Minimal APIs' words for a query or route value of the wrong type: <c>Failed to bind parameter "int page" from "x".</c></summary>
    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]*\s)?(?<name>[A-Za-z_]\w*)" from "(?<value>[^"]*)"\.?$""")]
    private static partial Regex UnboundParameter();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 ({Type}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string? type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Buurt.ServiceDefaults.Problems;

/// <summary>The problem answers endpoints give themselves, written once so they read the same everywhere.</summary>
public static class ApiProblems
{
    /// <summary>400 naming one field and what is wrong with it.</summary>
    public static ValidationProblem Field(string field, params string[] messages) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = messages });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>
    /// A domain rule's "no" returned instead of thrown: the same problem the exception handler writes
    /// for it. For refusals common enough that a throw's cost counts (a rush's 199 "taken": benchmarks.md, calendar-booking-cpu).
    /// </summary>
    public static ProblemHttpResult Refused(RuleException rule) => TypedResults.Problem(Of(rule));

    /// <summary>A domain rule's "no": 400 naming the field, 403, 404, or 409 with what the rule adds (e.g. the allowed moves).</summary>
    internal static ProblemDetails Of(RuleException rule)
    {
        if (rule.Kind == RuleKind.Invalid)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [rule.Field ?? "body"] = [rule.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
            };
        }
        var problem = new ProblemDetails
        {
            Status = rule.Kind switch
            {
                RuleKind.Forbidden => StatusCodes.Status403Forbidden,
                RuleKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            },
            Detail = rule.Message,
        };
        foreach (var (name, value) in rule.Details ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        return problem;
    }
}

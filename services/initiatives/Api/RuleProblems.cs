using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Buurt.Initiatives.Api;

/// <summary>
/// Turns a domain rule's "no" into problem details: 400 naming the field, 403, or 409 with the
/// current status and the allowed moves. Also a concurrent change (409) and a second of what may
/// happen once (a unique key, 409). Thrown before SaveChanges, so nothing was stored.
/// </summary>
public sealed class RuleProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InitiativeRuleException rule)
        {
            return rule.Kind switch
            {
                RuleKind.Invalid => ApiProblems.Field(rule.Field ?? "body", rule.Message),
                RuleKind.NotFound => ApiProblems.NotFound(rule.Message),
                RuleKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: rule.Message),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: rule.Message,
                    extensions: rule.CurrentStatus is { } current
                        ? new Dictionary<string, object?>
                        {
                            ["currentStatus"] = current.ApiName(),
                            ["allowedMoves"] = rule.AllowedMoves?.Select(m => m.ApiName()).ToArray() ?? [],
                        }
                        : null),
            };
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("The initiative changed while you were working on it; read it again and retry.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Conflict("That was already done: it happens once per person.");
        }
    }
}

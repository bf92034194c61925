using Buurt.Initiatives.Data;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>/statistics: public figures per wijk on how the municipality keeps its response-time promises.</summary>
public static class StatisticsApi
{
    public static void MapStatistics(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/statistics").WithTags("Statistics")
            .MapGet("/answers", Answers).WithName("AnswerStatistics").CachePublicly(TimeSpan.FromMinutes(1))
            .WithSummary("Per wijk, for initiatives submitted in the year: answers given, the share on time, the median days to the first answer.");
    }

    private static async Task<Ok<IReadOnlyList<AnswerFigures>>> Answers(
        int? year, ITenantContext tenant, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year ?? time.GetUtcNow().Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var until = from.AddYears(1);
        // One query over the wijk copy, the initiatives and their answering moves; raw SQL, so the tenant is named here
        // (and the columns in snake_case, as the naming convention maps them).
        var rows = await db.Database.SqlQuery<AnswerFigures>($"""
            SELECT a.id AS area_id, a.name AS wijk,
                   count(DISTINCT i.id)::int AS initiatives,
                   count(t.id)::int AS answers,
                   count(t.id) FILTER (WHERE t.answered_on_time)::int AS answered_on_time,
                   CASE WHEN count(t.id) = 0 THEN NULL
                        ELSE round(count(t.id) FILTER (WHERE t.answered_on_time)::numeric / count(t.id), 3)::float8 END AS on_time_share,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_answered_at - f.submitted_at) / 86400)
                      FROM initiatives f WHERE f.area_id = a.id AND f.tenant_id = a.tenant_id AND f.first_answered_at IS NOT NULL
                       AND f.submitted_at >= {from} AND f.submitted_at < {until})::float8 AS median_days_to_first_answer
              FROM areas a
              LEFT JOIN initiatives i ON i.area_id = a.id AND i.tenant_id = a.tenant_id AND i.submitted_at >= {from} AND i.submitted_at < {until}
              LEFT JOIN timeline t ON t.initiative_id = i.id AND t.answered_on_time IS NOT NULL
             WHERE a.kind = 'wijk' AND a.tenant_id = {tenant.RequiredTenantId}
             GROUP BY a.id, a.name
             ORDER BY a.name
            """).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AnswerFigures>>(rows);
    }
}

/// <summary>How one wijk's initiatives were answered. Days are calendar days, with fractions.</summary>
public sealed record AnswerFigures(
    Guid AreaId, string Wijk, int Initiatives, int Answers, int AnsweredOnTime, double? OnTimeShare, double? MedianDaysToFirstAnswer);

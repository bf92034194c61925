using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Api;

/// <summary>/statistics: public figures per wijk on how the municipality keeps its response-time promises.</summary>
public static class StatisticsApi
{
    public static void MapStatistics(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/statistics").WithTags("Statistics")
            .MapGet("/answers", Answers).WithName("AnswerStatistics").CachePublicly(TimeSpan.FromMinutes(1))
            .Produces<IReadOnlyList<AnswerFigures>>().ProducesValidationProblem()
            .WithSummary("Per wijk, for initiatives submitted in the year: answers given, the share on time, the median days to the first answer.");
        api.MapGroup("/statistics").WithTags("Statistics")
            .MapGet("/initiatives", Initiatives).WithName("InitiativeStatistics").CachePublicly(TimeSpan.FromMinutes(1))
            .Produces<IReadOnlyList<InitiativeFigures>>().ProducesValidationProblem()
            .WithSummary("Per wijk, for initiatives submitted in the year: how many stand in each stage of the buurtcyclus and how many are of each theme.");
    }

    private static async Task<IResult> Initiatives(int? year, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (YearOf(year, time) is not { } span)
        {
            return YearProblem;
        }
        var (from, until) = span;
        var wijken = await db.Areas.AsNoTracking().Where(a => a.Kind == "wijk").OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        // One grouped count (the tenant's filter applies); every stage and theme is named, zeros too, so a chart has fixed rows.
        var counts = await db.Initiatives.AsNoTracking().Where(i => i.SubmittedAt >= from && i.SubmittedAt < until)
            .GroupBy(i => new { i.AreaId, i.Status, i.Theme }).Select(g => new { g.Key.AreaId, g.Key.Status, g.Key.Theme, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InitiativeFigures>>([.. wijken.Select(w =>
        {
            var of = counts.Where(c => c.AreaId == w.Id).ToList();
            return new InitiativeFigures(w.Id, w.Name, of.Sum(c => c.Count),
                [.. Enum.GetValues<InitiativeStatus>().Select(s => new StageCount(s, of.Where(c => c.Status == s).Sum(c => c.Count)))],
                [.. Enum.GetValues<Theme>().Select(t => new ThemeCount(t, of.Where(c => c.Theme == t).Sum(c => c.Count)))]);
        })]);
    }

    private static IResult YearProblem => ApiProblems.Field("year", "The year must be between 2000 and 2100.");

    /// <summary>The calendar year (UTC), this one when none is asked; null for a year out of range (a 400, not a 500 from the date's constructor).</summary>
    private static (DateTimeOffset From, DateTimeOffset Until)? YearOf(int? year, TimeProvider time)
    {
        if (year is < 2000 or > 2100)
        {
            return null;
        }
        var from = new DateTimeOffset(year ?? time.GetUtcNow().Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (from, from.AddYears(1));
    }

    private static async Task<IResult> Answers(
        int? year, ITenantContext tenant, InitiativesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (YearOf(year, time) is not { } span)
        {
            return YearProblem;
        }
        var (from, until) = span;
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

/// <summary>One wijk's initiatives submitted in the year: all, per stage of the buurtcyclus (every stage, in its order) and per theme.</summary>
public sealed record InitiativeFigures(Guid AreaId, string Wijk, int Initiatives, IReadOnlyList<StageCount> Stages, IReadOnlyList<ThemeCount> Themes);

public sealed record StageCount(InitiativeStatus Stage, int Count);

public sealed record ThemeCount(Theme Theme, int Count);

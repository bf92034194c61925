namespace Buurt.Web.Api;

/// <summary>
/// The initiatives' public figures per wijk (the workspace's charts): the year's initiatives per
/// stage and theme, and how they were answered. Read fresh each time (asked as the user, as the
/// workspace's other reads), so the charts are the API's figures of the moment.
/// </summary>
public sealed class FiguresApi(HttpClient client)
{
    private const string Base = "/api/initiatives/v1/statistics";

    public Task<(List<InitiativeFigures>? Answer, ApiProblem? Problem)> InitiativesAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<InitiativeFigures>>(HttpMethod.Get, $"{Base}/initiatives?year={GatewayApis.Text(year)}", null, cancellationToken);

    public Task<(List<AnswerFigures>? Answer, ApiProblem? Problem)> AnswersAsync(int year, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<AnswerFigures>>(HttpMethod.Get, $"{Base}/answers?year={GatewayApis.Text(year)}", null, cancellationToken);
}

/// <summary>A wijk's initiatives submitted in the year: all, per stage (every stage, in the buurtcyclus's order) and per theme (kebab-case names, as the API's).</summary>
public sealed record InitiativeFigures(Guid AreaId, string Wijk, int Initiatives, IReadOnlyList<StageCount> Stages, IReadOnlyList<ThemeCount> Themes);

public sealed record StageCount(string Stage, int Count);

public sealed record ThemeCount(string Theme, int Count);

/// <summary>How a wijk's initiatives of the year were answered: answers given, how many on time.</summary>
public sealed record AnswerFigures(Guid AreaId, string Wijk, int Initiatives, int Answers, int AnsweredOnTime, double? OnTimeShare, double? MedianDaysToFirstAnswer);

namespace Buurt.Budget.Domain;

/// <summary>
/// A deal's budget year is the calendar year in which its event happened in Dutch time
/// (Europe/Amsterdam): a deal proposed on 31 December at 23:30 CET belongs to that year although
/// it is 1 January already in UTC+2, and one at 00:30 on 1 January to the new year although UTC
/// still says 31 December.
/// </summary>
public static class BudgetYearRule
{
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static int YearOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, s_amsterdam).Year;
}

namespace Buurt.Initiatives.Domain;

/// <summary>Dates in the municipality's time (Europe/Amsterdam) and its working days: Monday to Friday, minus its holidays.</summary>
public static class WorkingDays
{
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The date in the Netherlands at this moment.</summary>
    public static DateOnly LocalDate(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, s_amsterdam).DateTime);

    public static bool IsWorkingDay(DateOnly date, IReadOnlyCollection<DateOnly> holidays) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>
    /// The working day that lies <paramref name="days"/> working days after <paramref name="from"/>:
    /// an answer promised "within 5 working days" of a Friday is due on the next Friday.
    /// </summary>
    public static DateOnly Add(DateOnly from, int days, IReadOnlyCollection<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date, holidays))
            {
                days--;
            }
        }
        return date;
    }
}

using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;
using NodaTime;

namespace Buurt.Calendar.Domain;

/// <summary>How often a series repeats.</summary>
public enum Frequency
{
    Weekly,
    Monthly,
}

/// <summary>
/// A weekday of a rule as RFC 5545 writes it: <c>MO</c> (every Monday of the week or month), or,
/// monthly only, with its place in the month: <c>1MO</c> (the first Monday), <c>-1FR</c> (the last Friday).
/// </summary>
public sealed partial record RecurrenceDay(IsoDayOfWeek Day, int? Ordinal)
{
    private static readonly string[] s_codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static RecurrenceDay Parse(string text, string field)
    {
        var match = Pattern().Match(text.Trim().ToUpperInvariant());
        var code = match.Success ? Array.IndexOf(s_codes, match.Groups["day"].Value) : -1;
        if (code < 0)
        {
            throw RuleException.Invalid(field, $"'{text}' is not a weekday: use MO, TU, WE, TH, FR, SA or SU, monthly also 1MO to 4MO or -1MO (the last).");
        }
        int? ordinal = match.Groups["ordinal"].Success ? int.Parse(match.Groups["ordinal"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return ordinal is null or (>= 1 and <= 4) || ordinal == -1
            ? new RecurrenceDay((IsoDayOfWeek)(code + 1), ordinal)
            : throw RuleException.Invalid(field, $"'{text}': a weekday's place in the month is 1 to 4, or -1 for the last.");
    }

    public override string ToString() => $"{Ordinal}{s_codes[(int)Day - 1]}";

    /// <summary>Whether <paramref name="date"/> is this weekday (at this place in its month).</summary>
    public bool Matches(LocalDate date) =>
        date.DayOfWeek == Day && Ordinal switch
        {
            null => true,
            -1 => date.PlusWeeks(1).Month != date.Month,
            var n => (date.Day - 1) / 7 + 1 == n,
        };

    [GeneratedRegex("^(?<ordinal>-?[0-9]+)?(?<day>[A-Z]{2})$")]
    private static partial Regex Pattern();
}

/// <summary>
/// The rule of a series: weekly or monthly, every <see cref="Interval"/> weeks or months, on
/// <see cref="ByDay"/> (empty: the start's weekday, or monthly the start's day of the month),
/// ending after <see cref="Count"/> occurrences or on <see cref="Until"/> (inclusive). A series
/// always ends: one without an end runs to the horizon (<see cref="Horizon"/>, two years ahead) and
/// says so with <see cref="Bounded"/>. The start must itself be an occurrence of the rule.
/// </summary>
public sealed record Recurrence
{
    /// <summary>Occurrences are planned at most this far ahead of today.</summary>
    public static readonly Period Horizon = Period.FromYears(2);

    public const int MaxInterval = 52;

    private Recurrence(Frequency frequency, int interval, IReadOnlyList<RecurrenceDay> byDay, int? count, LocalDate? until, bool bounded)
    {
        Frequency = frequency;
        Interval = interval;
        ByDay = byDay;
        Count = count;
        Until = until;
        Bounded = bounded;
    }

    public Frequency Frequency { get; }

    public int Interval { get; }

    public IReadOnlyList<RecurrenceDay> ByDay { get; }

    /// <summary>The number of occurrences the rule makes (cancelled ones count too).</summary>
    public int? Count { get; }

    /// <summary>The last date an occurrence may start on; set for every series without a count.</summary>
    public LocalDate? Until { get; }

    /// <summary>The series asked for no end: <see cref="Until"/> is the horizon on the day it was planned.</summary>
    public bool Bounded { get; }

    /// <summary>For storage: the rule as it was stored.</summary>
    public static Recurrence Restore(Frequency frequency, int interval, IReadOnlyList<RecurrenceDay> byDay, int? count, LocalDate? until, bool bounded) =>
        new(frequency, interval, byDay, count, until, bounded);

    /// <summary>
    /// A rule for a series starting at <paramref name="start"/>, checked: a known weekday list that
    /// holds the start, count or until (not both), within the horizon from <paramref name="today"/>.
    /// Without count and until the series runs to the horizon. Fields are named as in the request
    /// (<c>recurrence.byDay</c>).
    /// </summary>
    public static Recurrence Of(Frequency frequency, int interval, IEnumerable<string> byDay, int? count, LocalDate? until, LocalDateTime start, LocalDate today)
    {
        if (interval is < 1 or > MaxInterval)
        {
            throw RuleException.Invalid("recurrence.interval", $"The interval is 1 to {MaxInterval}.");
        }
        var days = byDay.Select(d => RecurrenceDay.Parse(d, "recurrence.byDay")).Distinct().OrderBy(d => d.Day).ThenBy(d => d.Ordinal).ToList();
        if (frequency == Frequency.Weekly && days.Any(d => d.Ordinal is not null))
        {
            throw RuleException.Invalid("recurrence.byDay", "A place in the month (1MO, -1FR) is for monthly series only.");
        }
        if (days.Count > 0 && !days.Any(d => d.Matches(start.Date)))
        {
            throw RuleException.Invalid("recurrence.byDay",
                $"The start ({LocalTimes.Format(start)}, a {LocalTimes.Describe(start.DayOfWeek)}) is not one of the weekdays {string.Join(",", days)}: start on the first occurrence.");
        }
        if (count is not null && until is not null)
        {
            throw RuleException.Invalid("recurrence.count", "Give count or until, not both (RFC 5545).");
        }
        if (count is < 1)
        {
            throw RuleException.Invalid("recurrence.count", "The count is at least 1.");
        }
        var horizon = today.Plus(Horizon);
        if (until is { } last && last < start.Date)
        {
            throw RuleException.Invalid("recurrence.until", "The series cannot end before it starts.");
        }
        if (until > horizon)
        {
            throw RuleException.Invalid("recurrence.until", $"Occurrences are planned at most two years ahead: until {LocalTimes.Format(horizon)} at the latest.");
        }
        var rule = new Recurrence(frequency, interval, days, count, until ?? (count is null ? horizon : null), bounded: count is null && until is null);
        if (count is { } n && rule.Starts(start).Take(n).ToList() is var made && (made.Count < n || made[^1].Date > horizon))
        {
            throw RuleException.Invalid("recurrence.count",
                $"{n} occurrences reach past the horizon: occurrences are planned at most two years ahead ({LocalTimes.Format(horizon)}).");
        }
        return rule;
    }

    /// <summary>
    /// The starts of the series in order, <paramref name="start"/> first, to the end of the rule
    /// (or, as a guard, the horizon of the start's day).
    /// </summary>
    public IEnumerable<LocalDateTime> Starts(LocalDateTime start)
    {
        var last = Until ?? start.Date.Plus(Horizon);
        var made = 0;
        foreach (var date in Dates(start.Date))
        {
            if (date > last || made == Count)
            {
                yield break;
            }
            made++;
            yield return date + start.TimeOfDay;
        }
    }

    /// <summary>The dates of the rule from the first, unbounded; <see cref="Starts"/> ends them.</summary>
    private IEnumerable<LocalDate> Dates(LocalDate first)
    {
        var guard = first.Plus(Horizon).PlusYears(1);
        if (Frequency == Frequency.Weekly)
        {
            var days = ByDay.Count > 0 ? ByDay.Select(d => d.Day).ToHashSet() : [first.DayOfWeek];
            // Weeks start on Monday (RFC 5545's WKST default); every Interval-th week from the first's.
            var firstMonday = first.DayOfWeek == IsoDayOfWeek.Monday ? first : first.Previous(IsoDayOfWeek.Monday);
            for (var monday = firstMonday; monday <= guard; monday = monday.PlusWeeks(Interval))
            {
                for (var i = 0; i < 7; i++)
                {
                    var date = monday.PlusDays(i);
                    if (date >= first && days.Contains(date.DayOfWeek))
                    {
                        yield return date;
                    }
                }
            }
            yield break;
        }
        for (var month = new LocalDate(first.Year, first.Month, 1); month <= guard; month = month.PlusMonths(Interval))
        {
            var length = month.Calendar.GetDaysInMonth(month.Year, month.Month);
            for (var day = 1; day <= length; day++)
            {
                var date = new LocalDate(month.Year, month.Month, day);
                // Without weekdays: the start's day of the month; months without it are skipped (RFC 5545).
                var matches = ByDay.Count > 0 ? ByDay.Any(d => d.Matches(date)) : day == first.Day;
                if (date >= first && matches)
                {
                    yield return date;
                }
            }
        }
    }

    /// <summary>The rule as an RRULE value (RFC 5545), with UNTIL as the UTC instant that ends <see cref="Until"/> in <paramref name="zone"/>.</summary>
    public string ToRrule(DateTimeZone zone)
    {
        var parts = new List<string> { $"FREQ={(Frequency == Frequency.Weekly ? "WEEKLY" : "MONTHLY")}" };
        if (Interval != 1)
        {
            parts.Add($"INTERVAL={Interval}");
        }
        if (Count is { } count)
        {
            parts.Add($"COUNT={count}");
        }
        if (UntilInstant(zone) is { } until)
        {
            parts.Add($"UNTIL={until.ToString("uuuuMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (ByDay.Count > 0)
        {
            parts.Add($"BYDAY={string.Join(",", ByDay)}");
        }
        return string.Join(";", parts);
    }

    /// <summary>The last instant of <see cref="Until"/> in the zone: RFC 5545 wants UNTIL in UTC when the start has a zone.</summary>
    public Instant? UntilInstant(DateTimeZone zone) =>
        Until is { } until ? LocalTimes.InstantOf(until.PlusDays(1).AtMidnight(), zone) - Duration.FromSeconds(1) : null;
}

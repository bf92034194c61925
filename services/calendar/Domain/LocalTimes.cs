using System.Globalization;
using Buurt.ServiceDefaults.Domain;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Buurt.Calendar.Domain;

/// <summary>
/// Wall times in an IANA zone and the instants they stand for. The calendar stores what people
/// agree on ("Tuesday 19:00 in Hilversum") and turns it into an instant only when it is read, so a
/// weekly 19:00 stays 19:00 across the clock changes.
/// </summary>
/// <remarks>
/// Two local times have no single instant; the rule is RFC 5545's (section 3.3.5), so the agenda
/// and every calendar app that reads our feeds agree:
/// <list type="bullet">
/// <item>a time that does not exist (02:30 on the last Sunday of March in Europe/Amsterdam) is
/// shifted forward by the gap: 03:30 summer time, the same instant as 02:30 winter time;</item>
/// <item>a time that exists twice (02:30 on the last Sunday of October) is the earlier instant,
/// still summer time (+02:00).</item>
/// </list>
/// The tz database is NodaTime's (the one Ical.Net writes the feeds' VTIMEZONE from), not the
/// operating system's, so a container's tzdata cannot make the agenda and the feed disagree.
/// </remarks>
public static class LocalTimes
{
    /// <summary>Local times are whole minutes, written <c>2026-12-07T19:00</c>.</summary>
    private static readonly LocalDateTimePattern s_minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private static readonly LocalDateTimePattern s_seconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private static readonly LocalDatePattern s_date = LocalDatePattern.Iso;

    /// <summary>The zone of an IANA id (Europe/Amsterdam), or a 400 naming <paramref name="field"/>.</summary>
    public static DateTimeZone Zone(string? id, string field = "timeZone") =>
        (id is { Length: > 0 } ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null)
        ?? throw RuleException.Invalid(field, $"'{id}' is not a time zone of the IANA tz database (such as Europe/Amsterdam).");

    /// <summary>
    /// A local date and time as the API writes it, "2026-12-07T19:00" (seconds allowed when zero),
    /// without offset or zone; anything else is a 400 naming <paramref name="field"/>.
    /// </summary>
    public static LocalDateTime Parse(string? text, string field)
    {
        var parsed = s_minutes.Parse(text ?? "");
        if (!parsed.Success)
        {
            parsed = s_seconds.Parse(text ?? "");
        }
        if (!parsed.Success)
        {
            throw RuleException.Invalid(field, $"'{text}' is not a local date and time such as 2026-12-07T19:00 (no offset: the activity's time zone says where).");
        }
        if (parsed.Value.Second != 0)
        {
            throw RuleException.Invalid(field, "Times are whole minutes.");
        }
        return parsed.Value;
    }

    /// <summary>
    /// An instant as the API writes it (<c>2026-12-07T19:00+01:00</c>, as a slot's start), or a
    /// wall time in <paramref name="zone"/> (<c>2026-12-07T19:00</c>); anything else is a 400 naming <paramref name="field"/>.
    /// </summary>
    public static Instant ParseInstant(string? text, DateTimeZone zone, string field) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? Instant.FromDateTimeOffset(instant)
            : InstantOf(Parse(text, field), zone);

    /// <summary>A date as the API writes it, "2027-06-30", or a 400 naming <paramref name="field"/>.</summary>
    public static LocalDate ParseDate(string? text, string field) =>
        s_date.Parse(text ?? "") is { Success: true } parsed
            ? parsed.Value
            : throw RuleException.Invalid(field, $"'{text}' is not a date such as 2027-06-30.");

    /// <summary>"2026-12-07T19:00".</summary>
    public static string Format(LocalDateTime local) => s_minutes.Format(local);

    /// <summary>"2027-06-30".</summary>
    public static string Format(LocalDate date) => s_date.Format(date);

    /// <summary>The instant a wall time stands for in the zone, by the rule above (gap: forward; overlap: the earlier).</summary>
    public static Instant InstantOf(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    /// <summary>The instant with the zone's offset at that moment (<c>2026-12-07T19:00:00+01:00</c>).</summary>
    public static DateTimeOffset WithOffset(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToDateTimeOffset();

    /// <summary>Today's date in the zone.</summary>
    public static LocalDate Today(DateTimeOffset now, DateTimeZone zone) => Instant.FromDateTimeOffset(now).InZone(zone).Date;

    /// <summary>"19:00" or "Monday" in messages, invariant.</summary>
    public static string Describe(IsoDayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(NodaTime.Utility.BclConversions.ToDayOfWeek(day));
}

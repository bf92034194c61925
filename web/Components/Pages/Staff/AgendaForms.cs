using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// An activity as the workspace's form has it (strings, as typed, so they come back with an error):
/// a date with a start and end time, how it repeats, where, how many places. The form's own checks
/// come first; the calendar's field errors land at the fields through <see cref="Errors"/>.
/// </summary>
public sealed record ActivityFields(
    string? Title, string? Description, string? Kind, string? Visibility, string? Theme, string? Date, string? Start, string? End,
    string? Frequency, string? Until, string? Count, string? Venue, string? Address, string? Capacity)
{
    public static readonly IReadOnlyList<string> Kinds = ["activity", "network-meeting"];
    public static readonly IReadOnlyList<string> Visibilities = ["public", "network"];
    public static readonly IReadOnlyList<string> Frequencies = ["weekly", "monthly"];

    /// <summary>A new activity: public, once, at 19:00–20:30.</summary>
    public static ActivityFields New { get; } = new(null, null, "activity", "public", null, null, "19:00", "20:30", null, null, null, null, null, null);

    public static ActivityFields Read(IFormCollection form)
    {
        string? Value(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        return new(Value("title"), Value("description"), Value("kind"), Value("visibility"), Value("theme"), Value("date"), Value("start"), Value("end"),
            Value("frequency"), Value("until"), Value("count"), Value("venue"), Value("address"), Value("capacity"));
    }

    /// <summary>The activity as it is now, to change the whole series.</summary>
    public static ActivityFields From(Activity a)
    {
        var (date, start) = Split(a.Start);
        var (_, end) = Split(a.End);
        var r = a.Recurrence;
        return new(a.Title, a.Description, a.Kind, a.Visibility, a.Theme, date, start, end, r?.Frequency,
            r is { Bounded: false } ? r.Until : null, r?.Count?.ToString(CultureInfo.InvariantCulture), a.Location?.Name, a.Location?.Address,
            a.Registration?.Capacity.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What the page itself checks (what it needs to build the request), by field.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        if (Title is null)
        {
            errors.Add(new("title", WebTexts.ActivityTitleRequired));
        }
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new("date", WebTexts.DateRequired));
        }
        if (!TimeOnly.TryParseExact(Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new("start", WebTexts.TimeRequired));
        }
        if (!TimeOnly.TryParseExact(End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new("end", WebTexts.TimeRequired));
        }
        if (Count is not null && !int.TryParse(Count, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new("count", WebTexts.WholeNumberRequired));
        }
        if (Capacity is not null && !int.TryParse(Capacity, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new("capacity", WebTexts.WholeNumberRequired));
        }
        return errors;
    }

    /// <summary>The request (after <see cref="Check"/> found nothing); values the API does not know are sent as typed, so it names them.</summary>
    public ActivityPlan Plan(Guid wijk) => new(
        Title!, Description, wijk, Kind ?? "activity", Visibility ?? "public", Theme, $"{Date}T{Start}", $"{Date}T{End}",
        Frequency is null ? null : new RecurrencePlan(Frequency, 1, Until, Count is null ? null : int.Parse(Count, CultureInfo.InvariantCulture)),
        Venue is null ? null : new Venue(Venue, Address),
        Capacity is null ? null : new RegistrationPlan(int.Parse(Capacity, CultureInfo.InvariantCulture)));

    /// <summary>
    /// The change of <paramref name="current"/>'s whole series (after <see cref="Check"/>): the fields as typed, and as it is what
    /// the form does not show — the online link, the host, the milestone's initiative, the zone, the network's venue while its name
    /// is kept, the rule's interval and weekdays while its frequency and first date are. (A PUT replaces the activity.)
    /// </summary>
    public ActivityPlan Change(Activity current)
    {
        var plan = Plan(current.AreaId);
        var keepVenue = current.VenueId is not null && current.Location?.Name == Venue;
        return plan with
        {
            Recurrence = KeptRule(plan.Recurrence, Frequency, Date, current.Recurrence, current.Start),
            Location = keepVenue ? null : plan.Location,
            VenueId = keepVenue ? current.VenueId : null,
            OnlineUrl = current.OnlineUrl,
            Host = current.Host,
            InitiativeId = current.InitiativeId,
            TimeZone = current.TimeZone,
        };
    }

    /// <summary>
    /// The rule as asked, with the current rule's interval while its frequency is kept, and its weekdays (such as "the first
    /// Monday") while its first date is kept too: the form shows neither, and a change must not lose them.
    /// </summary>
    internal static RecurrencePlan? KeptRule(RecurrencePlan? asked, string? frequency, string? date, ActivityRecurrence? current, string? currentStart) =>
        asked is not null && current is not null && current.Frequency == frequency
            ? asked with { Interval = current.Interval, ByDay = Split(currentStart).Date == date ? current.ByDay : null }
            : asked;

    /// <summary>The calendar's field errors at this form's fields (nested names such as recurrence.until included).</summary>
    public static IReadOnlyList<FieldError> Errors(ApiProblem problem) => FormErrors.FromApi(problem, Labels, name => s_fields.GetValueOrDefault(name, name));

    private static readonly Dictionary<string, string> s_fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["recurrence.frequency"] = "frequency",
        ["recurrence.byDay"] = "frequency",
        ["recurrence.interval"] = "frequency",
        ["recurrence.until"] = "until",
        ["recurrence.count"] = "count",
        ["location.name"] = "venue",
        ["location.address"] = "address",
        ["registration.capacity"] = "capacity",
    };

    private static Dictionary<string, string> Labels => new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = WebTexts.ActivityTitle,
        ["description"] = WebTexts.ActivityDescription,
        ["kind"] = WebTexts.ActivityKind,
        ["visibility"] = WebTexts.Visibility,
        ["theme"] = WebTexts.Theme,
        ["start"] = WebTexts.StartTime,
        ["end"] = WebTexts.EndTime,
        ["recurrence.frequency"] = WebTexts.Repeats,
        ["recurrence.byDay"] = WebTexts.Repeats,
        ["recurrence.interval"] = WebTexts.Repeats,
        ["recurrence.until"] = WebTexts.RepeatsUntil,
        ["recurrence.count"] = WebTexts.RepeatsTimes,
        ["location.name"] = WebTexts.VenueName,
        ["location.address"] = WebTexts.VenueAddress,
        ["registration.capacity"] = WebTexts.Capacity,
    };

    /// <summary>"2027-01-05T19:00" as its date and time.</summary>
    /// <summary>"2026-12-07T19:00" as the form's date and time.</summary>
    internal static (string? Date, string? Time) Split(string? local) =>
        local is { Length: >= 16 } ? (local[..10], local[11..16]) : (null, null);
}

/// <summary>Small pieces the agenda pages share.</summary>
internal static class AgendaForms
{
    /// <summary>"wijkwethouder Peter Bakker", or the function alone (hosted by whoever holds it).</summary>
    public static string HostName(OfficeHourHost host) => string.Join(" ", new[] { host.Function, host.Name }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>A date as the form's date field sends it (yyyy-MM-dd), or null.</summary>
    public static string? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Show.Iso(date) : null;

    /// <summary>An occurrence in the workspace: named by its original local start, as the calendar names it.</summary>
    public static string OccurrencePath(Guid activityId, string occurrenceStart) =>
        $"/werkplek/agenda/activiteiten/{activityId}/{occurrenceStart}";
}

using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// A new office hour as the workspace's form has it (strings, as typed, so they come back with an
/// error): who holds it (a function, and a name or not: then whoever holds the function that day),
/// the first session's date and times, how it repeats, the slots (none: walk-in only), where. Its
/// fields have their own names, so the page's activity form beside it keeps its own. The form's own
/// checks come first; the calendar's field errors land at the fields through <see cref="Errors"/>.
/// </summary>
public sealed record OfficeHourFields(
    string? Function, string? Name, string? Date, string? Start, string? End, string? Frequency, string? Until, string? Count,
    string? Slot, string? Buffer, string? WalkIn, string? Venue, string? Address, string? CancelBookings = null)
{
    /// <summary>The change form's answer that cancels the bookings the new plan has no slot for.</summary>
    public const string CancelThem = "annuleren";

    /// <summary>A new office hour: the wijkregisseur's, 16:00–17:00 in slots of 15 minutes.</summary>
    public static OfficeHourFields New { get; } = new("wijkregisseur", null, null, "16:00", "17:00", null, null, null, "15", null, null, null, null);

    public static OfficeHourFields Read(IFormCollection form)
    {
        string? Value(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        return new(Value("hostFunction"), Value("hostName"), Value("sessionDate"), Value("sessionStart"), Value("sessionEnd"), Value("sessionFrequency"),
            Value("sessionUntil"), Value("sessionCount"), Value("slotMinutes"), Value("bufferMinutes"), Value("walkInMinutes"), Value("sessionVenue"),
            Value("sessionAddress"), Value("cancelBookings"));
    }

    /// <summary>The office hour as it is now, to change it (a walk-in-only one has no slot length; an end the calendar set itself is left out).</summary>
    public static OfficeHourFields From(OfficeHour o)
    {
        var (date, start) = ActivityFields.Split(o.Start);
        var (_, end) = ActivityFields.Split(o.End);
        var r = o.Recurrence;
        string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        return new(o.Host.Function, o.Host.Name, date, start, end, r?.Frequency, r is { Bounded: false } ? r.Until : null, Text(r?.Count),
            Text(o.SlotMinutes), o.SlotMinutes is null ? null : Text(o.BufferMinutes), o.Mode == "both" ? Text(o.WalkInMinutes) : null,
            o.Location?.Name, o.Location?.Address);
    }

    /// <summary>
    /// The change of <paramref name="current"/> (after <see cref="Check"/>): the fields as typed, and as it is what the form does not show —
    /// the notice, horizon, blocked dates, online link, the network's venue while its name is kept, the rule's interval and weekdays while
    /// its frequency and first date are. A host shown by function (with today's holder's name) stays by function while that name is kept.
    /// </summary>
    public OfficeHourPlan Change(OfficeHour current)
    {
        var plan = Plan(current.AreaId);
        var keepVenue = current.VenueId is not null && current.Location?.Name == Venue;
        return plan with
        {
            Host = current.Host.ByFunction && Function == current.Host.Function && Name == current.Host.Name ? new OfficeHourHost(Function, null) : plan.Host,
            Recurrence = ActivityFields.KeptRule(plan.Recurrence, Frequency, Date, current.Recurrence, current.Start),
            Location = keepVenue ? null : plan.Location,
            VenueId = keepVenue ? current.VenueId : null,
            MinimumNoticeHours = current.MinimumNoticeHours,
            HorizonDays = current.HorizonDays,
            BlockedDates = current.BlockedDates,
            OnlineUrl = current.OnlineUrl,
            CancelBookings = CancelBookings == CancelThem,
        };
    }

    /// <summary>What the page itself checks (what it needs to build the request), by field.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        if (AgendaForms.Day(Date) is null)
        {
            errors.Add(new("sessionDate", WebTexts.DateRequired));
        }
        foreach (var (field, value) in new[] { ("sessionStart", Start), ("sessionEnd", End) })
        {
            if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add(new(field, WebTexts.TimeRequired));
            }
        }
        foreach (var (field, value) in new[] { ("sessionCount", Count), ("slotMinutes", Slot), ("bufferMinutes", Buffer), ("walkInMinutes", WalkIn) })
        {
            if (value is not null && Number(value) is null)
            {
                errors.Add(new(field, WebTexts.WholeNumberRequired));
            }
        }
        return errors;
    }

    /// <summary>The request (after <see cref="Check"/> found nothing); a missing function is sent empty, so the calendar names it.</summary>
    public OfficeHourPlan Plan(Guid wijk) => new(
        wijk, new OfficeHourHost(Function ?? "", Name), $"{Date}T{Start}", $"{Date}T{End}",
        Frequency is null ? null : new RecurrencePlan(Frequency, 1, Until, Number(Count)),
        Number(Slot), Number(Buffer), Number(WalkIn), Venue is null ? null : new Venue(Venue, Address));

    /// <summary>The calendar's field errors at this form's fields (host.function, recurrence.count, slotMinutes, ...).</summary>
    public static IReadOnlyList<FieldError> Errors(ApiProblem problem) =>
        FormErrors.FromApi(problem, s_fields.ToDictionary(f => f.Key, f => f.Value.Label(), StringComparer.OrdinalIgnoreCase),
            name => s_fields.TryGetValue(name, out var field) ? field.Field : "hostFunction");

    // The calendar's names, the form's field and its label; an error of a field the form lacks lands on the first.
    private static readonly Dictionary<string, (string Field, Func<string> Label)> s_fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host.function"] = ("hostFunction", () => WebTexts.HostFunction),
        ["host"] = ("hostFunction", () => WebTexts.HostFunction),
        ["host.name"] = ("hostName", () => WebTexts.HostName),
        ["start"] = ("sessionStart", () => WebTexts.StartTime),
        ["end"] = ("sessionEnd", () => WebTexts.EndTime),
        ["recurrence.frequency"] = ("sessionFrequency", () => WebTexts.Repeats),
        ["recurrence.byDay"] = ("sessionFrequency", () => WebTexts.Repeats),
        ["recurrence.interval"] = ("sessionFrequency", () => WebTexts.Repeats),
        ["recurrence.until"] = ("sessionUntil", () => WebTexts.RepeatsUntil),
        ["recurrence.count"] = ("sessionCount", () => WebTexts.RepeatsTimes),
        ["slotMinutes"] = ("slotMinutes", () => WebTexts.SlotMinutes),
        ["bufferMinutes"] = ("bufferMinutes", () => WebTexts.BufferMinutes),
        ["walkInMinutes"] = ("walkInMinutes", () => WebTexts.WalkInMinutes),
        ["location.name"] = ("sessionVenue", () => WebTexts.VenueName),
        ["location.address"] = ("sessionAddress", () => WebTexts.VenueAddress),
        ["cancelBookings"] = ("cancelBookings", () => WebTexts.CancelBookingsLegend),
        ["venueId"] = ("sessionVenue", () => WebTexts.VenueName),
        ["onlineUrl"] = ("sessionVenue", () => WebTexts.VenueName),
    };

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}

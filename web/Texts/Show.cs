using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;

namespace Buurt.Web.Texts;

/// <summary>
/// How the pages write money, dates and the APIs' values: amounts always in Dutch notation
/// (€ 1.234,50), dates day first in the reader's language, times on the 24-hour clock in the
/// municipality's zone; statuses, themes and kinds from the texts.
/// </summary>
public static class Show
{
    private static readonly CultureInfo s_dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    private static CultureInfo Dates => Languages.Current == "en" ? s_english : s_dutch;

    public static string Money(decimal amount) => amount.ToString("C", s_dutch);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Dates);

    public static string Date(DateTimeOffset at, TimeZoneInfo zone) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));

    /// <summary>"16:20", on the 24-hour clock in the municipality's zone.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"di 1 december 2026, 10:00–12:00" in the municipality's zone.</summary>
    public static string Period(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var from = TimeZoneInfo.ConvertTime(start, zone);
        var to = TimeZoneInfo.ConvertTime(end, zone);
        var day = from.ToString("ddd d MMMM yyyy", Dates);
        return from.Date == to.Date
            ? $"{day}, {from:HH:mm}–{to:HH:mm}"
            : $"{day}, {from:HH:mm} – {to.ToString("ddd d MMMM yyyy", Dates)}, {to:HH:mm}";
    }

    /// <summary>The machine-readable form for a time element.</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Status(string status) => Text("Status", status);

    public static string Theme(string theme) => Text("Theme", theme);

    public static string Kind(string kind) => Text("Kind", kind);

    /// <summary>public or network: who sees an activity.</summary>
    public static string Visibility(string visibility) => Text("Visibility", visibility);

    /// <summary>weekly or monthly.</summary>
    public static string Frequency(string frequency) => Text("Frequency", frequency);

    public static string CommitmentStatus(string status) => Text("Commitment", status);

    /// <summary>How often: "elke week", "elke 3 maanden" (weekly, monthly, yearly).</summary>
    public static string Every(string frequency, int interval) =>
        interval == 1 ? Text("Every", frequency) : string.Format(CultureInfo.CurrentCulture, Text("EveryN", frequency), interval);

    /// <summary>A recurring commitment's rhythm and end: "elke maand, tot en met 30 november 2028".</summary>
    public static string Recurrence(CommitmentRecurrence recurrence) =>
        string.Format(CultureInfo.CurrentCulture, WebTexts.RecursUntil, Every(recurrence.Frequency, recurrence.Interval), Date(recurrence.Until));

    public static string DealState(string state) => Text("DealState", state);

    /// <summary>When a poll's results show: live or after-closing.</summary>
    public static string PollResults(string shown) => Text("PollResults", shown);

    /// <summary>The start of a text, to name what a button acts on (a comment's first 40 characters).</summary>
    public static string Excerpt(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ").Trim();
        return line.Length > 40 ? $"{line[..40].TrimEnd()}…" : line;
    }

    public static string Funding(string status) => Text("Funding", status);

    public static string FundingReason(string? reason) => reason is null ? "" : Text("FundingReason", reason);

    public static string Outcome(string outcome) => Text("Outcome", outcome);

    /// <summary>A text's paragraphs (its lines that are not empty).</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Who wrote an update: the initiators or the municipality.</summary>
    public static string UpdateAuthor(string role) => Text("UpdateBy", role);

    /// <summary>A contact point's kind (phone, email, ...).</summary>
    public static string PointKind(string kind) => Text("PointKind", kind);

    /// <summary>Whom a consent lets see the details (public, residents, network, staff).</summary>
    public static string ConsentTo(string visibility) => Text("ConsentTo", visibility);

    /// <summary>How a consent was given (in-person, email-link, on-platform).</summary>
    public static string ConsentBasis(string basis) => Text("ConsentBasis", basis);

    /// <summary>A text named after an API value (Status_internal_check); the value itself when there is none.</summary>
    private static string Text(string group, string value) =>
        WebTexts.ResourceManager.GetString($"{group}_{value.Replace('-', '_')}", CultureInfo.CurrentUICulture) ?? value;

    public static readonly IReadOnlyList<string> Statuses =
        ["submitted", "internal-check", "reciprocity-talk", "deal-proposed", "deal-accepted", "in-execution", "completed", "evaluated", "withdrawn", "declined"];

    public static readonly IReadOnlyList<string> Themes = ["sociaal", "fysiek", "veilig"];
}

using System.Globalization;
using System.Security.Claims;
using Buurt.ServiceDefaults.Auth;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Auth;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages;

/// <summary>
/// How the notifications pages show the API's kinds, channels and choices in the reader's words,
/// and which choices each channel offers (the API's rules: the digest is e-mail only).
/// </summary>
internal static class NotificationChoices
{
    /// <summary>The channels in the order the page shows them, with the API's name, the form field's name (the API's PUT field).</summary>
    public static readonly IReadOnlyList<(string Channel, string Field)> Channels =
        [("email", "email"), ("in-app", "inApp"), ("push", "push"), ("sms", "sms")];

    /// <summary>Kinds only colleagues receive: a resident is not shown them.</summary>
    private static readonly HashSet<string> StaffKinds =
        ["new-initiative", "answer-overdue", "answer-due-soon", "deal-accepted", "funding-rejected", "comment-reported", "office-hour-booked", "staff-invitation"];

    /// <summary>The kinds that concern this reader: a colleague (any role besides resident) sees the staff kinds too.</summary>
    public static bool Concerns(ClaimsPrincipal user, string kind) =>
        !StaffKinds.Contains(kind) || user.Roles().Any(r => r != BuurtRoles.Resident);

    public static bool IsStaffKind(string kind) => StaffKinds.Contains(kind);

    public static string Kind(string kind) => Text("Kind", kind);

    public static string Channel(string channel) => Text("Channel", channel);

    public static string Delivery(string delivery) => Text("Delivery", delivery);

    /// <summary>The choices a channel offers: the daily digest is one e-mail.</summary>
    public static IReadOnlyList<(string Value, string Text)> Options(string channel) =>
        [.. (channel == "email" ? new[] { "immediately", "digest", "off" } : ["immediately", "off"]).Select(d => (d, Delivery(d)))];

    /// <summary>"e-mail: direct, in de app: uit": a kind's choices as the API holds them.</summary>
    public static string Summary(KindPreference preference) =>
        string.Join(", ", Channels.Where(c => preference.Channels.ContainsKey(c.Channel))
            .Select(c => string.Format(CultureInfo.CurrentCulture, InboxTexts.SavedChannel, Channel(c.Channel).ToLower(CultureInfo.CurrentCulture), Delivery(preference.Channels[c.Channel]).ToLower(CultureInfo.CurrentCulture))));

    /// <summary>The field's id in a kind's form: every kind has its own form with the same field names.</summary>
    public static string FieldId(string field, string kind) => $"{field}-{kind}";

    /// <summary>
    /// A refused choice at its field: the API names the channel (its PUT field); its English words stay
    /// out of a Dutch page, so the rule is said in ours.
    /// </summary>
    public static IReadOnlyList<FieldError> Errors(ApiProblem problem, string kind) =>
        [.. problem.Errors.Keys.Select(key => Channels.FirstOrDefault(c => string.Equals(c.Field, key, StringComparison.OrdinalIgnoreCase)) is { Field: not null } channel
            ? new FieldError(FieldId(channel.Field, kind), string.Format(CultureInfo.CurrentCulture, InboxTexts.ChoiceNotPossible, Channel(channel.Channel).ToLower(CultureInfo.CurrentCulture)))
            : new FieldError(FieldId("email", kind), InboxTexts.SaveRefused))];

    /// <summary>
    /// A notification's link as a path on this site ("/initiatieven/…"; notifications writes it without
    /// the first slash), or null: anything else (another host, a scheme) is not followed.
    /// </summary>
    public static string? SafeLink(string? link)
    {
        var trimmed = link?.Trim() ?? "";
        var path = trimmed.TrimStart('/');
        // A scheme ("https:", "javascript:") stands before the first slash; a time in a calendar path stands after it.
        var first = path.Split('/', '?', '#')[0];
        return path.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            ? null
            : "/" + path;
    }

    private static string Text(string group, string value) =>
        InboxTexts.ResourceManager.GetString($"{group}_{value.Replace('-', '_')}", CultureInfo.CurrentUICulture) ?? value;
}

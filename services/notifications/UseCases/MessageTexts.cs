using System.Globalization;
using System.Net;
using System.Text;
using Buurt.ICalendar;
using Buurt.Notifications.Domain;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// Puts a message in words, in the reader's language (NotificationTexts.resx is Dutch,
/// NotificationTexts.en.resx English): a subject, a plain-text body and the same as HTML. Every
/// text that people typed (titles, notes, names) is HTML-encoded in the HTML part.
/// </summary>
public static class MessageTexts
{
    private static readonly CultureInfo s_dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The words of a message for one reader; <paramref name="link"/> is the full address of
    /// <see cref="Message.Link"/>, <paramref name="unsubscribeUrl"/> the one-click unsubscribe address
    /// (null for transactional messages and the app).
    /// </summary>
    public static RenderedMessage Render(Message message, string readerName, string language, string municipality, string? link, string? unsubscribeUrl,
        string? secretUrl = null)
    {
        var culture = Culture(language);
        var (subject, paragraphs) = Words(message, culture, municipality, secretUrl);
        var body = paragraphs.OfType<string>().ToList();
        var footer = message.Kind is NotificationKind.ConsentWithdrawalLink or NotificationKind.ListingVerification
            ? [Text("NetworkFooter", culture)] // to an address of the wijk network, often without an account
            : message.Kind.IsTransactional()
            ? [Text("TransactionalFooter", culture)]
            : unsubscribeUrl is null ? [Text("WhyYouGetThis", culture)] : new[] { Text("WhyYouGetThis", culture), Text("UnsubscribeLine", culture, unsubscribeUrl) };
        // An invitation's link opens the page where the password is chosen, not something to read.
        var linkLine = link is null ? null : Text(message.Kind == NotificationKind.StaffInvitation ? "ChoosePasswordLink" : "ReadMore", culture, link);
        return new RenderedMessage(subject, PlainText(readerName, body, linkLine, municipality, footer, culture),
            Html(subject, readerName, body, message.DigestLines, link, linkLine, municipality, footer, unsubscribeUrl, culture));
    }

    /// <summary>The first paragraph of a message: a push notification's body.</summary>
    public static string Summary(Message message, string language, string municipality) =>
        Words(message, Culture(language), municipality, secretUrl: null).Paragraphs.OfType<string>().FirstOrDefault() ?? "";

    /// <summary>
    /// A text message of one of <see cref="Kinds.TextedKinds"/>: one line in GSM characters, at most
    /// 160 of them (one SMS), the municipality's name first; the activity or host is shortened to fit.
    /// </summary>
    public static string Sms(Message message, string language, string municipality)
    {
        var culture = Culture(language);
        var when = message is { StartsAt: { } at, TimeZone: { } zone }
            ? Gsm.From(Appointments.Local(at, zone).ToDateTimeUnspecified().ToString("ddd d MMM HH:mm", culture))
            : "";
        string Filled(string what) => Gsm.From(Text($"Sms{message.Kind}", culture, Gsm.From(municipality), what, when));
        return Filled(Gsm.Shortened(Gsm.From(message.What ?? ""), Gsm.MaxLength - Gsm.Length(Filled(""))));
    }

    private static CultureInfo Culture(string language) => language == "en" ? s_english : s_dutch;

    private static (string Subject, string?[] Paragraphs) Words(Message message, CultureInfo culture, string municipality, string? secretUrl)
    {
        var title = message.InitiativeTitle ?? "";
        var what = message.What ?? "";
        var when = When(message, culture);
        var ics = message.Appointment is null ? null : Text("IcsLine", culture);
        return message.Kind switch
        {
            NotificationKind.InitiativeMoved => (
                Text("InitiativeMovedSubject", culture, title, Status(message.Status, culture)),
                new[]
                {
                    Text("InitiativeMovedBody", culture, title, Status(message.Status, culture)),
                    message.Reason is { Length: > 0 } reason ? Text("ReasonLine", culture, reason) : null,
                    message.Note is { Length: > 0 } note ? Text("NoteLine", culture, note) : null,
                    message.AnswerDueBy is { } due ? Text("AnswerDueLine", culture, Date(due, culture)) : null,
                }),
            NotificationKind.DealProposed => (
                Text("DealProposedSubject", culture, title),
                [Text("DealProposedBody", culture, title, Euros(message.Amount, culture))]),
            NotificationKind.FundingDecided when message.FundsReserved == true => (
                Text("FundingReservedSubject", culture, title),
                [Text("FundingReservedBody", culture, title, Euros(message.Amount, culture))]),
            NotificationKind.FundingDecided => (
                Text("FundingRejectedSubject", culture, title),
                [Text("FundingRejectedBody", culture, title, Euros(message.Amount, culture)),
                    message.Reason is { Length: > 0 } detail ? Text("ReasonLine", culture, detail) : null]),
            NotificationKind.NewInitiative => (
                Text("NewInitiativeSubject", culture, title),
                [Text("NewInitiativeBody", culture, title)]),
            NotificationKind.AnswerOverdue => (
                Text("AnswerOverdueSubject", culture, title),
                [Text("AnswerOverdueBody", culture, title, Status(message.Status, culture), message.AnswerDueBy is { } overdue ? Date(overdue, culture) : "")]),
            NotificationKind.DealAccepted => (
                Text("DealAcceptedSubject", culture, title),
                [Text("DealAcceptedBody", culture, title, Euros(message.Amount, culture))]),
            NotificationKind.FundingRejected => (
                Text("FundingRejectedStaffSubject", culture, title),
                [Text("FundingRejectedStaffBody", culture, title, Euros(message.Amount, culture)),
                    message.Reason is { Length: > 0 } refused ? Text("ReasonLine", culture, refused) : null]),
            NotificationKind.CommitmentDue => (
                Text("CommitmentDueSubject", culture, title),
                [Text("CommitmentDueBody", culture, title, message.Owner ?? "", message.AnswerDueBy is { } dueDate ? Date(dueDate, culture) : "")]),
            // A move told to a follower (not the initiator): the same facts, with why they hear it.
            NotificationKind.InitiativeUpdate when message.Status is not null => (
                Text("FollowedInitiativeMovedSubject", culture, title, Status(message.Status, culture)),
                [Text("FollowedInitiativeMovedBody", culture, title, Status(message.Status, culture)),
                    message.Reason is { Length: > 0 } declined ? Text("ReasonLine", culture, declined) : null,
                    message.Note is { Length: > 0 } moveNote ? Text(message.Status == "withdrawn" ? "InitiatorsNoteLine" : "NoteLine", culture, moveNote) : null,
                    message.AnswerDueBy is { } nextAnswer ? Text("FollowedAnswerDueLine", culture, Date(nextAnswer, culture)) : null,
                    Text("FollowingLine", culture)]),
            NotificationKind.InitiativeUpdate => (
                Text("InitiativeUpdateSubject", culture, title),
                [Text(message.ByResident == true ? "InitiativeUpdateByInitiatorsBody" : "InitiativeUpdateByStaffBody", culture, title),
                    message.Excerpt is { Length: > 0 } excerpt ? Text("ExcerptLine", culture, excerpt) : null,
                    Text("FollowingLine", culture)]),
            NotificationKind.CommentReported => (
                Text("CommentReportedSubject", culture, title),
                [Text("CommentReportedBody", culture, title),
                    message.Reason is { Length: > 0 } reported ? Text("ReasonLine", culture, reported) : null]),
            NotificationKind.AnswerDueSoon => (
                Text("AnswerDueSoonSubject", culture, title),
                [Text("AnswerDueSoonBody", culture, title, Status(message.Status, culture), message.AnswerDueBy is { } soon ? Date(soon, culture) : "")]),
            NotificationKind.RegistrationConfirmed => (
                Text("RegistrationConfirmedSubject", culture, what, when),
                [Text("RegistrationConfirmedBody", culture, what, when), CheckIn(message, culture), ics]),
            NotificationKind.RegistrationWaitlisted => (
                Text("RegistrationWaitlistedSubject", culture, what, when),
                [Text("RegistrationWaitlistedBody", culture, what, when, message.Position ?? 0)]),
            NotificationKind.RegistrationPromoted => (
                Text("RegistrationPromotedSubject", culture, what, when),
                [Text("RegistrationPromotedBody", culture, what, when), CheckIn(message, culture), ics]),
            NotificationKind.RegistrationCancelled => (
                Text("RegistrationCancelledSubject", culture, what, when),
                [Text(message.ByResident == false ? "RegistrationCancelledByStaffBody" : "RegistrationCancelledBody", culture, what, when)]),
            NotificationKind.BookingConfirmed => (
                Text("BookingConfirmedSubject", culture, what, when),
                [Text("BookingConfirmedBody", culture, what, when), Topic(message, culture), ics,
                    secretUrl is null ? null : Text("CancelLine", culture, secretUrl)]),
            NotificationKind.BookingCancelled => (
                Text("BookingCancelledSubject", culture, what, when),
                [Text("BookingCancelledBody", culture, what, when),
                    message.Reason is { Length: > 0 } why ? Text("ReasonLine", culture, why) : null]),
            NotificationKind.OccurrenceCancelled or NotificationKind.ActivityCancelled => (
                Text("ActivityCancelledSubject", culture, what, when),
                [Text(message.Kind == NotificationKind.ActivityCancelled ? "ActivityCancelledBody" : "OccurrenceCancelledBody", culture, what, when),
                    Text(message.Status == "waitlisted" ? "CancelledWaitlistedLine" : "CancelledRegisteredLine", culture),
                    message.Reason is { Length: > 0 } cancelledWhy ? Text("ReasonLine", culture, cancelledWhy) : null]),
            NotificationKind.OfficeHourBooked => (
                Text("OfficeHourBookedSubject", culture, what, when),
                [Text("OfficeHourBookedBody", culture, what, when), Topic(message, culture)]),
            NotificationKind.ActivityReminder => (
                Text("ActivityReminderSubject", culture, what, when),
                [Text("ActivityReminderBody", culture, what, when), Where(message, culture), CheckIn(message, culture)]),
            NotificationKind.BookingReminder => (
                Text("BookingReminderSubject", culture, what, when),
                [Text("BookingReminderBody", culture, what, when), Where(message, culture), Topic(message, culture)]),
            NotificationKind.ConsentWithdrawalLink => (
                Text("ConsentWithdrawalLinkSubject", culture, municipality),
                [Text("ConsentWithdrawalLinkBody", culture, municipality, PointKinds(message.ContactPointKinds, culture), Visibility(message.Visibility, culture)),
                    secretUrl is null ? null : Text("ConsentWithdrawalLine", culture, secretUrl)]),
            NotificationKind.ListingVerification => (
                Text("ListingVerificationSubject", culture, message.What ?? ""),
                [Text("ListingVerificationBody", culture, message.What ?? "", municipality,
                        message.LastVerifiedAt is { } verified ? Date(DateOnly.FromDateTime(Appointments.Local(verified, message.TimeZone ?? DefaultZone).ToDateTimeUnspecified()), culture) : ""),
                    secretUrl is null ? null : Text("ListingVerificationLine", culture, secretUrl)]),
            NotificationKind.Welcome => (
                Text("WelcomeSubject", culture),
                [Text("WelcomeBody", culture, municipality)]),
            NotificationKind.PasswordReset => (
                Text("PasswordResetSubject", culture),
                [Text("PasswordResetBody", culture), Text("CodeLine", culture, message.Code ?? "")]),
            NotificationKind.StaffInvitation => (
                Text("StaffInvitationSubject", culture),
                [Text("StaffInvitationBody", culture), Text("CodeLine", culture, message.Code ?? "")]),
            NotificationKind.Digest => (
                Text("DigestSubject", culture, message.DigestLines.Count),
                [Text("DigestIntro", culture), .. message.DigestLines.Select(l => l.Link is null ? $"- {l.Subject}" : $"- {l.Subject}: {l.Link}")]),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "A kind without texts."),
        };
    }

    /// <summary>The name of a kind in the reader's language, for the unsubscribe page.</summary>
    public static string KindName(NotificationKind kind, CultureInfo culture) => Text($"Kind{kind}", culture);

    /// <summary>A text of NotificationTexts in the given language, filled in.</summary>
    public static string Text(string name, CultureInfo culture, params object?[] values)
    {
        var text = NotificationTexts.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"NotificationTexts has no {name}.");
        return values.Length == 0 ? text : string.Format(culture, text, values);
    }

    private static string PlainText(string readerName, IReadOnlyList<string> body, string? linkLine, string municipality, IReadOnlyList<string> footer, CultureInfo culture)
    {
        var text = new StringBuilder();
        text.Append(Text("Greeting", culture, readerName)).Append("\n\n");
        foreach (var paragraph in body)
        {
            text.Append(paragraph).Append("\n\n");
        }
        if (linkLine is not null)
        {
            text.Append(linkLine).Append("\n\n");
        }
        text.Append(Text("Closing", culture)).Append('\n').Append(municipality).Append("\n\n-- \n");
        text.AppendJoin('\n', footer).Append('\n');
        return text.ToString();
    }

    private static string Html(string subject, string readerName, IReadOnlyList<string> body, IReadOnlyList<DigestLine> lines, string? link, string? linkLine, string municipality,
        IReadOnlyList<string> footer, string? unsubscribeUrl, CultureInfo culture)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em\">")
            .Append($"<p style=\"font-size:14px;color:#555\">{E(municipality)}</p>")
            .Append($"<p>{E(Text("Greeting", culture, readerName))}</p>");
        foreach (var paragraph in body.Where(p => !p.StartsWith("- ", StringComparison.Ordinal)))
        {
            html.Append($"<p>{E(paragraph)}</p>");
        }
        if (lines.Count > 0)
        {
            html.Append("<ul>");
            foreach (var line in lines)
            {
                html.Append(line.Link is null ? $"<li>{E(line.Subject)}</li>" : $"<li><a href=\"{E(line.Link)}\">{E(line.Subject)}</a></li>");
            }
            html.Append("</ul>");
        }
        if (link is not null)
        {
            html.Append($"<p><a href=\"{E(link)}\">{E(linkLine!)}</a></p>");
        }
        html.Append($"<p>{E(Text("Closing", culture))}<br>{E(municipality)}</p>")
            .Append("<hr><p style=\"font-size:13px;color:#555\">");
        html.AppendJoin("<br>", footer.Select(line => unsubscribeUrl is not null && line.Contains(unsubscribeUrl, StringComparison.Ordinal)
            ? E(line).Replace(E(unsubscribeUrl), $"<a href=\"{E(unsubscribeUrl)}\">{E(unsubscribeUrl)}</a>", StringComparison.Ordinal)
            : E(line)));
        html.Append("</p></body></html>");
        return html.ToString();
    }

    private static string Status(string? apiName, CultureInfo culture) =>
        apiName is null ? "" : NotificationTexts.ResourceManager.GetString("Status" + Pascal(apiName), culture) ?? apiName;

    private static string Date(DateOnly date, CultureInfo culture) => date.ToString("d MMMM yyyy", culture);

    /// <summary>"maandag 7 december 2026, 19:00" in the zone of the activity or office hour.</summary>
    private static string When(Message message, CultureInfo culture) =>
        message is { StartsAt: { } at, TimeZone: { } zone }
            ? Appointments.Local(at, zone).ToDateTimeUnspecified().ToString("dddd d MMMM yyyy, HH:mm", culture)
            : "";

    private static string? CheckIn(Message message, CultureInfo culture) => message.CheckInCode is { } code ? Text("CheckInLine", culture, code) : null;

    /// <summary>Where to go: the place, the online address, or both.</summary>
    private static string? Where(Message message, CultureInfo culture) =>
        string.Join(" · ", new[] { message.Location, message.OnlineUrl }.Where(p => p is { Length: > 0 })) is { Length: > 0 } where
            ? Text("WhereLine", culture, where)
            : null;

    /// <summary>"telefoonnummer en e-mailadres": the kinds of contact points a consent shows, in words.</summary>
    private static string PointKinds(IReadOnlyList<string> kinds, CultureInfo culture)
    {
        var words = kinds.Distinct().Select(k => NotificationTexts.ResourceManager.GetString("Point" + Pascal(k), culture) ?? k).ToList();
        return words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words[..^1])} {Text("And", culture)} {words[^1]}";
    }

    /// <summary>To whom a consent shows them ("iedereen", "inwoners die zijn ingelogd", ...).</summary>
    private static string Visibility(string? apiName, CultureInfo culture) =>
        apiName is null ? "" : NotificationTexts.ResourceManager.GetString("Visibility" + Pascal(apiName), culture) ?? apiName;

    private static string Pascal(string apiName) => string.Concat(apiName.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    private const string DefaultZone = "Europe/Amsterdam";

    private static string? Topic(Message message, CultureInfo culture) => message.Topic is { Length: > 0 } topic ? Text("TopicLine", culture, topic) : null;

    private static string Euros(decimal? amount, CultureInfo culture) => "€ " + (amount ?? 0m).ToString("N2", culture);
}

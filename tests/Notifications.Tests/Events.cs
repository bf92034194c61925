using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;

namespace Buurt.Notifications.Tests;

/// <summary>The events the other services publish, as the tests need them.</summary>
public static class Events
{
    public const string Title = "Bankje bij de speeltuin";

    public static readonly DateOnly DueBy = new(2026, 12, 4);

    public static InitiativeSubmitted Submitted(Guid initiative, Guid area, Guid initiator, string title = Title, string tenant = Demo.Hilversum) =>
        new(tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, Theme.Fysiek, 850.50m, initiator, title);

    public static InitiativeStatusChanged Moved(Guid initiative, Guid initiator, string to = "internal-check", string? note = "Wijkteam kijkt mee",
        string? reason = null, string title = Title, Guid? area = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area ?? Demo.Zuid, "submitted", to, initiator, title, note, reason, DueBy);

    public static DealProposed Proposed(Guid initiative, Guid initiator, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, Theme.Fysiek, 1, amount, initiator, Title);

    public static FundsReserved Reserved(Guid initiative, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, 1, amount, 2026, "director");

    public static FundsReservationRejected Rejected(Guid initiative, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, 1, amount, FundsRejectionReasons.InsufficientFunds,
            "Er is nog 300,00 euro over in Zuid.");

    public static InitiativeAnswerOverdue Overdue(Guid initiative, Guid area) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, "internal-check", DueBy);

    public static DealAccepted Accepted(Guid initiative, Guid area, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, 1, amount);

    public static CommitmentOverdue CommitmentOverdue(Guid initiative, string side = "resident") =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, Guid.CreateVersion7(), side, "Bewoners Stroeslaan", DueBy);

    public static InitiativeUpdatePosted UpdatePosted(Guid initiative, Guid initiator, Guid author, string role = "initiator", string excerpt = "De grond is geleverd.",
        string title = Title) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, Guid.CreateVersion7(), author, role, excerpt, initiator, title);

    public static InitiativeSupported Supported(Guid initiative, Guid resident, DateTimeOffset? at = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), at ?? DateTimeOffset.UtcNow, initiative, Demo.Zuid, resident);

    public static InitiativeSupportWithdrawn SupportWithdrawn(Guid initiative, Guid resident, DateTimeOffset? at = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), at ?? DateTimeOffset.UtcNow, initiative, Demo.Zuid, resident);

    public static CommentPosted Commented(Guid initiative, Guid resident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, Guid.CreateVersion7(), resident);

    public static CommentReported CommentReported(Guid initiative, Guid area) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, Guid.CreateVersion7(), "Reclame voor een webwinkel", Title);

    public static InitiativeAnswerDueSoon AnswerDueSoon(Guid initiative, Guid area) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, "internal-check", DueBy, Title);

    public const string Activity = "Samen eten";

    public const string Zone = "Europe/Amsterdam";

    /// <summary>Monday 7 December 2026, 19:00 in Amsterdam (winter time).</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 19, 0, 0, TimeSpan.FromHours(1));

    public static RegistrationConfirmed Registered(Guid resident, Guid? registration = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, registration ?? Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            Activity, "2026-12-07T19:00", Zone, Start, "K7QX2", Start.AddHours(2));

    public static RegistrationWaitlisted Waitlisted(Guid resident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            Activity, "2026-12-07T19:00", Zone, Start, 3);

    public static RegistrationPromoted Promoted(Guid resident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            Activity, "2026-12-07T19:00", Zone, Start, "K7QX2", Start.AddHours(2));

    public static RegistrationCancelled RegistrationCancelled(Guid resident, bool byResident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            Activity, "2026-12-07T19:00", Zone, Start, byResident);

    public const string HostName = "Anna de Vries";

    public static BookingConfirmed Booked(Guid resident, Guid? area = null, Guid? booking = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, booking ?? Guid.CreateVersion7(), Guid.CreateVersion7(), area ?? Demo.Zuid, resident,
            "wijkwethouder", HostName, "2026-12-07T19:00", Zone, Start, Start.AddMinutes(15), "Parkeren", "secret-cancel-token");

    public static BookingCancelled BookingCancelled(Guid resident, bool byResident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            "wijkwethouder", HostName, "2026-12-07T19:00", Zone, Start, byResident, byResident ? null : "De wethouder is ziek.");

    public static RegistrationReminderDue RegistrationReminder(Guid resident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            Activity, "2026-12-07T19:00", "2026-12-07T19:00", Zone, Start, Start.AddHours(2), "Buurthuis De Geus", null, "K7QX2");

    public static BookingReminderDue BookingReminder(Guid resident) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(), Demo.Zuid, resident,
            "wijkwethouder", HostName, "2026-12-07T19:00", Zone, Start, Start.AddMinutes(15), "Parkeren", "Raadhuis", "https://meet.example/spreekuur");

    public const string ConsentLink = "api/contacts/v1/consent-links/secret-consent-token";

    public const string VerificationLink = "api/contacts/v1/verification-links/secret-verification-token";

    public static ConsentWithdrawalLinkIssued ConsentLinkIssued(string email, string name, string language, Guid? person = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), person ?? Guid.CreateVersion7(), name, email, language,
            ["phone", "email"], "public", ConsentLink);

    public static ListingVerificationDue VerificationDue(string email, string language, Guid? listing = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, "organisation", listing ?? Guid.CreateVersion7(), "Buurthuis De Geus", email, language,
            new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero), VerificationLink);
    /// <summary>The occurrence of <see cref="Start"/> cancelled, naming who was registered or waiting.</summary>
    public static OccurrenceCancelled OccurrenceCancelled(params (Guid Account, string Status)[] participants) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Demo.Zuid, "2026-12-07T19:00", Start, "De zaal is dicht.", 2,
            Activity, Zone, [.. participants.Select(p => new CancelledParticipant(p.Account, Guid.CreateVersion7(), p.Status, "2026-12-07T19:00", Start))]);

    /// <summary>The whole activity cancelled, naming who was registered or waiting for which of its coming occurrences.</summary>
    public static ActivityCancelled ActivityCancelled(params (Guid Account, string Status, int WeeksLater)[] participants) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Demo.Zuid, "Geen vrijwilligers meer.", 3, Activity, Zone,
            [.. participants.Select(p => new CancelledParticipant(p.Account, Guid.CreateVersion7(), p.Status,
                $"{Start.AddDays(7 * p.WeeksLater):yyyy-MM-dd'T'HH:mm}", Start.AddDays(7 * p.WeeksLater)))]);
}

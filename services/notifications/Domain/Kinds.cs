using Buurt.ServiceDefaults.Domain;

namespace Buurt.Notifications.Domain;

/// <summary>What a notification is about; each kind has its own texts and its own preferences.</summary>
public enum NotificationKind
{
    /// <summary>A resident's initiative moved in its life cycle (with the note and the next answer date).</summary>
    InitiativeMoved,

    /// <summary>A deal was proposed to the initiators to accept.</summary>
    DealProposed,

    /// <summary>The budget reserved the deal's money or could not.</summary>
    FundingDecided,

    /// <summary>Staff: a new initiative in a wijk they work for.</summary>
    NewInitiative,

    /// <summary>Staff: the answer promised for an initiative of their wijk is late.</summary>
    AnswerOverdue,

    /// <summary>Staff: a deal of their wijk was accepted by every party.</summary>
    DealAccepted,

    /// <summary>Staff: the budget could not reserve a deal's money in their wijk.</summary>
    FundingRejected,

    /// <summary>An initiator: a commitment of the residents in their deal passed its due date.</summary>
    CommitmentDue,

    /// <summary>A resident: news (a progress update, or a move when it is not their own) on an initiative they follow: their own, one they support or commented on.</summary>
    InitiativeUpdate,

    /// <summary>Staff: a comment on an initiative of their wijk was reported (the first report).</summary>
    CommentReported,

    /// <summary>Staff: the answer promised for an initiative of their wijk is due in two working days.</summary>
    AnswerDueSoon,

    /// <summary>A resident has a place at an occurrence of an activity (with the .ics).</summary>
    RegistrationConfirmed,

    /// <summary>A resident registered when it was full: they wait, at a position.</summary>
    RegistrationWaitlisted,

    /// <summary>A place came free: the waiting resident has it now (with the .ics).</summary>
    RegistrationPromoted,

    /// <summary>A registration was cancelled (by the resident or by staff).</summary>
    RegistrationCancelled,

    /// <summary>A resident booked a slot of an office hour (with the .ics and the cancel link).</summary>
    BookingConfirmed,

    /// <summary>Staff cancelled a resident's booking, with the reason.</summary>
    BookingCancelled,

    /// <summary>Staff: a resident booked a slot of their office hour.</summary>
    OfficeHourBooked,

    /// <summary>A resident has a place at an occurrence that starts within a day (a courtesy: may be switched off).</summary>
    ActivityReminder,

    /// <summary>A resident's booked slot of an office hour starts within a day (a courtesy: may be switched off).</summary>
    BookingReminder,

    /// <summary>
    /// A person (often without an account) consented to showing their contact points: the receipt,
    /// with the link that withdraws it.
    /// </summary>
    ConsentWithdrawalLink,

    /// <summary>Once a year, a wijk network listing's contact is asked "is this still right?", with the link that confirms it.</summary>
    ListingVerification,

    /// <summary>A new resident's welcome.</summary>
    Welcome,

    /// <summary>A code to choose a new password with.</summary>
    PasswordReset,

    /// <summary>A new colleague's code to choose their first password with.</summary>
    StaffInvitation,

    /// <summary>Once a day, at 08:00 in the municipality's zone: what a person chose to read in one mail.</summary>
    Digest,

    /// <summary>A resident registered (or waiting) for an occurrence of an activity: that occurrence was cancelled, with the reason.</summary>
    OccurrenceCancelled,

    /// <summary>A resident registered (or waiting) for coming occurrences of an activity: the whole activity was cancelled, with the reason.</summary>
    ActivityCancelled,
}

/// <summary>How a message reaches a person.</summary>
public enum Channel
{
    Email,

    /// <summary>The inbox in the web and mobile apps.</summary>
    InApp,

    /// <summary>Web Push to the installed web app (each subscribed device), outside quiet hours.</summary>
    Push,

    /// <summary>
    /// A text message to the person's mobile number, through the municipality's Dapr SMS binding: only
    /// where one is configured, only to people who gave a number, only for <see cref="Kinds.TextedKinds"/>.
    /// </summary>
    Sms,
}

/// <summary>What a person chose for a kind on a channel (stored by name).</summary>
public enum Delivery
{
    Immediately,
    Off,

    /// <summary>E-mail only: in the daily digest (<see cref="NotificationKind.Digest"/>) instead of a mail of its own.</summary>
    Digest,
}

/// <summary>The fixed facts of each kind: who hears it, on which channels, whether it may be switched off.</summary>
public static class Kinds
{
    /// <summary>
    /// Transactional kinds are part of something the person did or must do to use their account
    /// (or to keep what the municipality shows of them right):
    /// they cannot be switched off and carry no unsubscribe link.
    /// </summary>
    public static bool IsTransactional(this NotificationKind kind) =>
        kind is NotificationKind.Welcome or NotificationKind.PasswordReset or NotificationKind.StaffInvitation
            or NotificationKind.RegistrationConfirmed or NotificationKind.RegistrationWaitlisted or NotificationKind.RegistrationPromoted
            or NotificationKind.RegistrationCancelled or NotificationKind.BookingConfirmed or NotificationKind.BookingCancelled
            or NotificationKind.ConsentWithdrawalLink or NotificationKind.ListingVerification
            or NotificationKind.OccurrenceCancelled or NotificationKind.ActivityCancelled;

    /// <summary>
    /// Kinds whose mail carries a secret code or link: never in the in-app inbox or a push, and the
    /// mail's body is blanked once sent. The contacts links go to an address, not an account.
    /// </summary>
    public static bool CarriesSecret(this NotificationKind kind) =>
        kind is NotificationKind.PasswordReset or NotificationKind.StaffInvitation
            or NotificationKind.ConsentWithdrawalLink or NotificationKind.ListingVerification;

    /// <summary>
    /// The kinds whose code dies after a day (their mails are deleted then, sent or not). The contacts
    /// links live longer, so their mails wait like any other and are only blanked once sent.
    /// </summary>
    public static IReadOnlyList<NotificationKind> WithCodes { get; } = [NotificationKind.PasswordReset, NotificationKind.StaffInvitation];

    /// <summary>
    /// The kinds a text message suits: something about a time and place the resident is expected at
    /// that changed or is near (a booking, a place that came free, a cancellation, a reminder), told in
    /// one line. Not the initiative kinds (a note and a date want a mail), nor codes and links.
    /// </summary>
    public static IReadOnlyList<NotificationKind> TextedKinds { get; } =
    [
        NotificationKind.BookingConfirmed, NotificationKind.BookingCancelled, NotificationKind.RegistrationPromoted,
        NotificationKind.OccurrenceCancelled, NotificationKind.ActivityCancelled, NotificationKind.ActivityReminder, NotificationKind.BookingReminder,
    ];

    /// <summary>The channels a kind goes out on (before preferences, and before whether SMS is there for the person).</summary>
    public static IReadOnlyList<Channel> Channels(this NotificationKind kind) =>
        kind.CarriesSecret() || kind == NotificationKind.Digest ? [Channel.Email]
        : TextedKinds.Contains(kind) ? [Channel.Email, Channel.InApp, Channel.Push, Channel.Sms]
        : [Channel.Email, Channel.InApp, Channel.Push];

    /// <summary>The kinds a person can see and set preferences for (the digest is how some of them arrive, not one of them).</summary>
    /// <remarks>The contacts links go to an address of the wijk network, not an account: nothing an account chooses.</remarks>
    public static IReadOnlyList<NotificationKind> All { get; } = [.. Enum.GetValues<NotificationKind>()
        .Where(k => k is not (NotificationKind.Digest or NotificationKind.ConsentWithdrawalLink or NotificationKind.ListingVerification))];

    /// <summary>Whether <paramref name="delivery"/> may be chosen on <paramref name="channel"/>: the digest is a mail.</summary>
    public static bool Allows(this Channel channel, Delivery delivery) => delivery != Delivery.Digest || channel == Channel.Email;

    /// <summary>The API's name: "initiative-moved".</summary>
    public static string ApiName(this NotificationKind kind) => Kebab(kind.ToString());

    /// <summary>The API's name: "in-app".</summary>
    public static string ApiName(this Channel channel) => Kebab(channel.ToString());

    /// <summary>The API's name: "immediately", "off".</summary>
    public static string ApiName(this Delivery delivery) => Kebab(delivery.ToString());

    /// <summary>The kind of an API name; anything else is refused naming <paramref name="field"/>.</summary>
    public static NotificationKind ParseKind(string? name, string field) =>
        All.FirstOrDefault(k => k.ApiName() == name) is var kind && kind.ApiName() == name
            ? kind
            : throw RuleException.Invalid(field, $"'{name}' is no kind of notification; use {string.Join(", ", All.Select(k => k.ApiName()))}.");

    /// <summary>The delivery of an API name; anything else is refused naming <paramref name="field"/>.</summary>
    public static Delivery ParseDelivery(string? name, string field) =>
        Enum.GetValues<Delivery>().FirstOrDefault(d => d.ApiName() == name) is var delivery && delivery.ApiName() == name
            ? delivery
            : throw RuleException.Invalid(field, $"'{name}' is no choice; use {string.Join(", ", Enum.GetValues<Delivery>().Select(d => d.ApiName()))}.");

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

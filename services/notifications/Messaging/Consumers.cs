using Buurt.Contracts.Budget;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Contacts;
using Buurt.Contracts.Identity;
using Buurt.Contracts.Initiatives;
using Buurt.Notifications.UseCases;
using MassTransit;

namespace Buurt.Notifications.Messaging;

// Each consumer runs in the inbox's transaction: the notifications and queued mails it makes commit
// with the message's inbox record, or not at all (a redelivery finds the record and is skipped).

/// <summary>Staff hear of a new initiative in their wijk.</summary>
public sealed class InitiativeSubmittedConsumer(InitiativeNews news) : IConsumer<InitiativeSubmitted>
{
    public Task Consume(ConsumeContext<InitiativeSubmitted> context) => news.SubmittedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears their initiative moved.</summary>
public sealed class InitiativeStatusChangedConsumer(InitiativeNews news) : IConsumer<InitiativeStatusChanged>
{
    public Task Consume(ConsumeContext<InitiativeStatusChanged> context) => news.StatusChangedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator is asked to accept a proposed deal.</summary>
public sealed class DealProposedConsumer(InitiativeNews news) : IConsumer<DealProposed>
{
    public Task Consume(ConsumeContext<DealProposed> context) => news.DealProposedAsync(context.Message, context.CancellationToken);
}

/// <summary>The wijk's directors hear an answer is late.</summary>
public sealed class InitiativeAnswerOverdueConsumer(InitiativeNews news) : IConsumer<InitiativeAnswerOverdue>
{
    public Task Consume(ConsumeContext<InitiativeAnswerOverdue> context) => news.AnswerOverdueAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears the deal's money was reserved.</summary>
public sealed class FundsReservedConsumer(InitiativeNews news) : IConsumer<FundsReserved>
{
    public Task Consume(ConsumeContext<FundsReserved> context) => news.FundsReservedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears the deal's money could not be reserved.</summary>
public sealed class FundsReservationRejectedConsumer(InitiativeNews news) : IConsumer<FundsReservationRejected>
{
    public Task Consume(ConsumeContext<FundsReservationRejected> context) => news.FundsRejectedAsync(context.Message, context.CancellationToken);
}

/// <summary>The wijk's directors hear a deal was accepted.</summary>
public sealed class DealAcceptedConsumer(InitiativeNews news) : IConsumer<DealAccepted>
{
    public Task Consume(ConsumeContext<DealAccepted> context) => news.DealAcceptedAsync(context.Message, context.CancellationToken);
}

/// <summary>The initiator hears a commitment of the residents is due.</summary>
public sealed class CommitmentOverdueConsumer(InitiativeNews news) : IConsumer<CommitmentOverdue>
{
    public Task Consume(ConsumeContext<CommitmentOverdue> context) => news.CommitmentOverdueAsync(context.Message, context.CancellationToken);
}

/// <summary>An initiative's followers hear of its update.</summary>
public sealed class InitiativeUpdatePostedConsumer(InitiativeNews news) : IConsumer<InitiativeUpdatePosted>
{
    public Task Consume(ConsumeContext<InitiativeUpdatePosted> context) => news.UpdatePostedAsync(context.Message, context.CancellationToken);
}

/// <summary>A supporter follows the initiative.</summary>
public sealed class InitiativeSupportedConsumer(InitiativeNews news) : IConsumer<InitiativeSupported>
{
    public Task Consume(ConsumeContext<InitiativeSupported> context) => news.SupportedAsync(context.Message, context.CancellationToken);
}

/// <summary>A supporter no longer follows it as a supporter.</summary>
public sealed class InitiativeSupportWithdrawnConsumer(InitiativeNews news) : IConsumer<InitiativeSupportWithdrawn>
{
    public Task Consume(ConsumeContext<InitiativeSupportWithdrawn> context) => news.SupportWithdrawnAsync(context.Message, context.CancellationToken);
}

/// <summary>A commenter follows the initiative.</summary>
public sealed class CommentPostedConsumer(InitiativeNews news) : IConsumer<CommentPosted>
{
    public Task Consume(ConsumeContext<CommentPosted> context) => news.CommentPostedAsync(context.Message, context.CancellationToken);
}

/// <summary>Who follows an initiative, replayed by initiatives (asked at start).</summary>
public sealed class InitiativeFollowersReplayedConsumer(InitiativeNews news) : IConsumer<InitiativeFollowersReplayed>
{
    public Task Consume(ConsumeContext<InitiativeFollowersReplayed> context) => news.FollowersReplayedAsync(context.Message, context.CancellationToken);
}

/// <summary>The wijk's directors hear a comment was reported.</summary>
public sealed class CommentReportedConsumer(InitiativeNews news) : IConsumer<CommentReported>
{
    public Task Consume(ConsumeContext<CommentReported> context) => news.CommentReportedAsync(context.Message, context.CancellationToken);
}

/// <summary>The wijk's directors hear an answer is due in two working days.</summary>
public sealed class InitiativeAnswerDueSoonConsumer(InitiativeNews news) : IConsumer<InitiativeAnswerDueSoon>
{
    public Task Consume(ConsumeContext<InitiativeAnswerDueSoon> context) => news.AnswerDueSoonAsync(context.Message, context.CancellationToken);
}

/// <summary>A resident has a place.</summary>
public sealed class RegistrationConfirmedConsumer(CalendarNews news) : IConsumer<RegistrationConfirmed>
{
    public Task Consume(ConsumeContext<RegistrationConfirmed> context) => news.RegistrationConfirmedAsync(context.Message, context.CancellationToken);
}

/// <summary>A resident is on the waiting list.</summary>
public sealed class RegistrationWaitlistedConsumer(CalendarNews news) : IConsumer<RegistrationWaitlisted>
{
    public Task Consume(ConsumeContext<RegistrationWaitlisted> context) => news.RegistrationWaitlistedAsync(context.Message, context.CancellationToken);
}

/// <summary>A waiting resident has a place now.</summary>
public sealed class RegistrationPromotedConsumer(CalendarNews news) : IConsumer<RegistrationPromoted>
{
    public Task Consume(ConsumeContext<RegistrationPromoted> context) => news.RegistrationPromotedAsync(context.Message, context.CancellationToken);
}

/// <summary>A registration was cancelled.</summary>
public sealed class RegistrationCancelledConsumer(CalendarNews news) : IConsumer<RegistrationCancelled>
{
    public Task Consume(ConsumeContext<RegistrationCancelled> context) => news.RegistrationCancelledAsync(context.Message, context.CancellationToken);
}

/// <summary>An occurrence was cancelled: its registered and waiting residents hear it.</summary>
public sealed class OccurrenceCancelledConsumer(CalendarNews news) : IConsumer<OccurrenceCancelled>
{
    public Task Consume(ConsumeContext<OccurrenceCancelled> context) => news.OccurrenceCancelledAsync(context.Message, context.CancellationToken);
}

/// <summary>A whole activity was cancelled: the residents of its coming occurrences hear it.</summary>
public sealed class ActivityCancelledConsumer(CalendarNews news) : IConsumer<ActivityCancelled>
{
    public Task Consume(ConsumeContext<ActivityCancelled> context) => news.ActivityCancelledAsync(context.Message, context.CancellationToken);
}

/// <summary>A resident booked a slot; the host hears it too.</summary>
public sealed class BookingConfirmedConsumer(CalendarNews news) : IConsumer<BookingConfirmed>
{
    public Task Consume(ConsumeContext<BookingConfirmed> context) => news.BookingConfirmedAsync(context.Message, context.CancellationToken);
}

/// <summary>Staff cancelled a booking.</summary>
public sealed class BookingCancelledConsumer(CalendarNews news) : IConsumer<BookingCancelled>
{
    public Task Consume(ConsumeContext<BookingCancelled> context) => news.BookingCancelledAsync(context.Message, context.CancellationToken);
}

/// <summary>A resident's occurrence starts within a day.</summary>
public sealed class RegistrationReminderDueConsumer(CalendarNews news) : IConsumer<RegistrationReminderDue>
{
    public Task Consume(ConsumeContext<RegistrationReminderDue> context) => news.RegistrationReminderAsync(context.Message, context.CancellationToken);
}

/// <summary>A resident's booked slot starts within a day.</summary>
public sealed class BookingReminderDueConsumer(CalendarNews news) : IConsumer<BookingReminderDue>
{
    public Task Consume(ConsumeContext<BookingReminderDue> context) => news.BookingReminderAsync(context.Message, context.CancellationToken);
}

/// <summary>A person's consent receipt with its withdrawal link.</summary>
public sealed class ConsentWithdrawalLinkIssuedConsumer(ContactsNews news) : IConsumer<ConsentWithdrawalLinkIssued>
{
    public Task Consume(ConsumeContext<ConsentWithdrawalLinkIssued> context) => news.ConsentWithdrawalLinkAsync(context.Message, context.CancellationToken);
}

/// <summary>A listing's yearly "is this still right?".</summary>
public sealed class ListingVerificationDueConsumer(ContactsNews news) : IConsumer<ListingVerificationDue>
{
    public Task Consume(ConsumeContext<ListingVerificationDue> context) => news.ListingVerificationAsync(context.Message, context.CancellationToken);
}

/// <summary>A person erased at contacts: their link mails are forgotten.</summary>
public sealed class PersonErasedConsumer(ContactsNews news) : IConsumer<PersonErased>
{
    public Task Consume(ConsumeContext<PersonErased> context) => news.PersonErasedAsync(context.Message, context.CancellationToken);
}

/// <summary>A new account for the copy (and a resident's welcome).</summary>
public sealed class AccountRegisteredConsumer(AccountCopy accounts) : IConsumer<AccountRegistered>
{
    public Task Consume(ConsumeContext<AccountRegistered> context) => accounts.RegisteredAsync(context.Message, context.CancellationToken);
}

/// <summary>An account's new state for the copy.</summary>
public sealed class AccountChangedConsumer(AccountCopy accounts) : IConsumer<AccountChanged>
{
    public Task Consume(ConsumeContext<AccountChanged> context) => accounts.ChangedAsync(context.Message, context.CancellationToken);
}

/// <summary>An erased account is forgotten.</summary>
public sealed class AccountErasedConsumer(AccountCopy accounts) : IConsumer<AccountErased>
{
    public Task Consume(ConsumeContext<AccountErased> context) => accounts.ErasedAsync(context.Message, context.CancellationToken);
}

/// <summary>Identity's password-reset mail.</summary>
public sealed class PasswordResetRequestedConsumer(AccountCopy accounts) : IConsumer<PasswordResetRequested>
{
    public Task Consume(ConsumeContext<PasswordResetRequested> context) => accounts.PasswordResetAsync(context.Message, context.CancellationToken);
}

/// <summary>Identity's invitation of a new colleague.</summary>
public sealed class StaffInvitedConsumer(AccountCopy accounts) : IConsumer<StaffInvited>
{
    public Task Consume(ConsumeContext<StaffInvited> context) => accounts.StaffInvitedAsync(context.Message, context.CancellationToken);
}

/// <summary>Registers the consumers ("notifications-initiative-submitted", ...).</summary>
public static class NotificationConsumers
{
    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InitiativeSubmittedConsumer>();
        bus.AddConsumer<InitiativeStatusChangedConsumer>();
        bus.AddConsumer<DealProposedConsumer>();
        bus.AddConsumer<InitiativeAnswerOverdueConsumer>();
        bus.AddConsumer<FundsReservedConsumer>();
        bus.AddConsumer<FundsReservationRejectedConsumer>();
        bus.AddConsumer<DealAcceptedConsumer>();
        bus.AddConsumer<CommitmentOverdueConsumer>();
        bus.AddConsumer<InitiativeUpdatePostedConsumer>();
        bus.AddConsumer<InitiativeSupportedConsumer>();
        bus.AddConsumer<InitiativeSupportWithdrawnConsumer>();
        bus.AddConsumer<CommentPostedConsumer>();
        bus.AddConsumer<CommentReportedConsumer>();
        bus.AddConsumer<InitiativeFollowersReplayedConsumer>();
        bus.AddConsumer<InitiativeAnswerDueSoonConsumer>();
        bus.AddConsumer<RegistrationConfirmedConsumer>();
        bus.AddConsumer<RegistrationWaitlistedConsumer>();
        bus.AddConsumer<RegistrationPromotedConsumer>();
        bus.AddConsumer<RegistrationCancelledConsumer>();
        bus.AddConsumer<BookingConfirmedConsumer>();
        bus.AddConsumer<BookingCancelledConsumer>();
        bus.AddConsumer<RegistrationReminderDueConsumer>();
        bus.AddConsumer<OccurrenceCancelledConsumer>();
        bus.AddConsumer<ActivityCancelledConsumer>();
        bus.AddConsumer<BookingReminderDueConsumer>();
        bus.AddConsumer<ConsentWithdrawalLinkIssuedConsumer>();
        bus.AddConsumer<ListingVerificationDueConsumer>();
        bus.AddConsumer<PersonErasedConsumer>();
        bus.AddConsumer<AccountRegisteredConsumer>();
        bus.AddConsumer<AccountChangedConsumer>();
        bus.AddConsumer<AccountErasedConsumer>();
        bus.AddConsumer<PasswordResetRequestedConsumer>();
        bus.AddConsumer<StaffInvitedConsumer>();
    }
}

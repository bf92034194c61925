using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Notifications.UseCases;

/// <summary>
/// What residents and staff hear of initiatives and their money. The initiatives' events name the
/// initiator and the title; the budget's do not, so this service remembers them
/// (<see cref="InitiativeFacts"/>). An event about an initiative it never heard of (submitted
/// before the fields existed) reaches no one.
/// </summary>
public sealed partial class InitiativeNews(NotificationsDbContext db, Announcements announcements, ITenantContext tenant, ILogger<InitiativeNews> logger)
{
    /// <summary>Staff of the wijk hear of the new initiative.</summary>
    public async Task SubmittedAsync(InitiativeSubmitted submitted, CancellationToken cancellationToken)
    {
        var facts = await RememberAsync(submitted.InitiativeId, submitted.AreaId, submitted.InitiatorId, submitted.Title, cancellationToken);
        var staff = await announcements.StaffOfAsync(submitted.AreaId, Announcements.WijkStaff, cancellationToken);
        await announcements.AnnounceAsync(new Message(submitted.EventId, NotificationKind.NewInitiative, submitted.OccurredAt)
        {
            InitiativeTitle = facts?.Title,
            SubjectId = submitted.InitiativeId,
            Link = Page(submitted.InitiativeId),
        }, staff, cancellationToken);
    }

    /// <summary>
    /// The initiator hears their initiative moved, with the note, the reason and the next answer
    /// date; not for moves they made themselves (withdrawn) or that another message tells
    /// (deal-proposed: <see cref="DealProposedAsync"/>). Its other followers (supporters, commenters)
    /// hear every move as news on an initiative they follow (<see cref="NotificationKind.InitiativeUpdate"/>,
    /// with the same facts): the initiator is never one of them, so no one hears a move twice.
    /// </summary>
    public async Task StatusChangedAsync(InitiativeStatusChanged changed, CancellationToken cancellationToken)
    {
        var facts = await RememberAsync(changed.InitiativeId, changed.AreaId, changed.InitiatorId, changed.Title, cancellationToken);
        if (facts is null)
        {
            return;
        }
        var move = new Message(changed.EventId, NotificationKind.InitiativeMoved, changed.OccurredAt)
        {
            InitiativeTitle = facts.Title,
            SubjectId = changed.InitiativeId,
            Status = changed.To,
            Note = changed.Note,
            Reason = changed.Reason,
            AnswerDueBy = changed.AnswerDueBy,
            Link = Page(changed.InitiativeId),
        };
        if (changed.To is not ("withdrawn" or "deal-proposed"))
        {
            await announcements.AnnounceAsync(move, await announcements.AccountAsync(facts.InitiatorId, cancellationToken), cancellationToken);
        }
        var followers = await announcements.FollowersOfAsync(changed.InitiativeId, initiatorId: null, except: facts.InitiatorId, cancellationToken);
        await announcements.AnnounceAsync(move with { Kind = NotificationKind.InitiativeUpdate }, followers, cancellationToken);
    }

    /// <summary>The initiator is asked to accept the proposed deal (each version).</summary>
    public async Task DealProposedAsync(DealProposed proposed, CancellationToken cancellationToken)
    {
        var facts = await RememberAsync(proposed.InitiativeId, proposed.AreaId, proposed.InitiatorId, proposed.Title, cancellationToken);
        if (facts is null)
        {
            return;
        }
        await announcements.AnnounceAsync(new Message(proposed.EventId, NotificationKind.DealProposed, proposed.OccurredAt)
        {
            InitiativeTitle = facts.Title,
            SubjectId = proposed.InitiativeId,
            Amount = proposed.Amount,
            Link = Page(proposed.InitiativeId),
        }, await announcements.AccountAsync(facts.InitiatorId, cancellationToken), cancellationToken);
    }

    /// <summary>The initiator hears the budget reserved the deal's money.</summary>
    public Task FundsReservedAsync(FundsReserved reserved, CancellationToken cancellationToken) =>
        FundingDecidedAsync(reserved.EventId, reserved.OccurredAt, reserved.InitiativeId, reserved.Amount, true, null, cancellationToken);

    /// <summary>The initiator hears the budget could not reserve it, and why; so do the wijk's directors, who revise the deal.</summary>
    public async Task FundsRejectedAsync(FundsReservationRejected rejected, CancellationToken cancellationToken)
    {
        await FundingDecidedAsync(rejected.EventId, rejected.OccurredAt, rejected.InitiativeId, rejected.Amount, false, rejected.Detail, cancellationToken);
        await TellDirectorsAsync(new Message(rejected.EventId, NotificationKind.FundingRejected, rejected.OccurredAt)
        {
            Amount = rejected.Amount,
            Reason = rejected.Detail,
        }, rejected.InitiativeId, rejected.AreaId, null, cancellationToken);
    }

    /// <summary>The wijk's directors hear an answer is late.</summary>
    public Task AnswerOverdueAsync(InitiativeAnswerOverdue overdue, CancellationToken cancellationToken) =>
        TellDirectorsAsync(new Message(overdue.EventId, NotificationKind.AnswerOverdue, overdue.OccurredAt)
        {
            Status = overdue.Status,
            AnswerDueBy = overdue.DueBy,
        }, overdue.InitiativeId, overdue.AreaId, null, cancellationToken);

    /// <summary>The wijk's directors hear every party accepted a deal.</summary>
    public Task DealAcceptedAsync(DealAccepted accepted, CancellationToken cancellationToken) =>
        TellDirectorsAsync(new Message(accepted.EventId, NotificationKind.DealAccepted, accepted.OccurredAt) { Amount = accepted.Amount },
            accepted.InitiativeId, accepted.AreaId, null, cancellationToken);

    /// <summary>
    /// An initiator hears a commitment of the residents in their deal passed its date (the
    /// municipality's own commitments are staff's business: the deal's page shows them).
    /// </summary>
    public async Task CommitmentOverdueAsync(CommitmentOverdue overdue, CancellationToken cancellationToken)
    {
        if (overdue.Side != "resident" || await FactsAsync(overdue.InitiativeId, cancellationToken) is not { } facts)
        {
            return;
        }
        await announcements.AnnounceAsync(new Message(overdue.EventId, NotificationKind.CommitmentDue, overdue.OccurredAt)
        {
            InitiativeTitle = facts.Title,
            SubjectId = overdue.InitiativeId,
            Owner = overdue.Owner,
            AnswerDueBy = overdue.DueDate,
            Link = Page(overdue.InitiativeId),
        }, await announcements.AccountAsync(facts.InitiatorId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The initiative's followers hear of a progress update: its initiator, its supporters and those
    /// who commented, never the update's author. Goes to thousands at once on a popular initiative
    /// (<see cref="Announcements"/> writes a large fan-out set-based).
    /// </summary>
    public async Task UpdatePostedAsync(InitiativeUpdatePosted posted, CancellationToken cancellationToken)
    {
        var facts = await RememberAsync(posted.InitiativeId, posted.AreaId, posted.InitiatorId, posted.Title, cancellationToken);
        var followers = await announcements.FollowersOfAsync(posted.InitiativeId, facts?.InitiatorId, except: posted.AuthorId, cancellationToken);
        await announcements.AnnounceAsync(new Message(posted.EventId, NotificationKind.InitiativeUpdate, posted.OccurredAt)
        {
            InitiativeTitle = facts?.Title ?? posted.Title,
            SubjectId = posted.InitiativeId,
            ByResident = posted.AuthorRole == "initiator",
            Excerpt = posted.Excerpt,
            Link = Page(posted.InitiativeId),
        }, followers, cancellationToken);
    }

    /// <summary>A supporter follows the initiative.</summary>
    public Task SupportedAsync(InitiativeSupported supported, CancellationToken cancellationToken) =>
        FollowAsync(supported.InitiativeId, supported.ResidentId, FollowReason.Supporter, f => f.Started(supported.OccurredAt), cancellationToken);

    /// <summary>Taking support back ends that reason only: a supporter who commented still follows.</summary>
    public Task SupportWithdrawnAsync(InitiativeSupportWithdrawn withdrawn, CancellationToken cancellationToken) =>
        FollowAsync(withdrawn.InitiativeId, withdrawn.ResidentId, FollowReason.Supporter, f => f.Ended(withdrawn.OccurredAt), cancellationToken);

    /// <summary>A commenter follows the initiative.</summary>
    public Task CommentPostedAsync(CommentPosted posted, CancellationToken cancellationToken) =>
        FollowAsync(posted.InitiativeId, posted.AuthorId, FollowReason.Commenter, f => f.Started(posted.OccurredAt), cancellationToken);

    /// <summary>
    /// Initiatives told who follows one of its initiatives (asked at every start): the facts this
    /// service lacked (an initiative from before the events named its initiator) and each reason,
    /// started at its own time. The newest fact wins, so a replay changes nothing the second time and
    /// never undoes a withdrawal heard after the support; an erased account is not brought back; a
    /// support the snapshot leaves out ends (its withdrawal was lost) if older than <see cref="SnapshotMargin"/>.
    /// </summary>
    public async Task FollowersReplayedAsync(InitiativeFollowersReplayed replayed, CancellationToken cancellationToken)
    {
        await RememberAsync(replayed.InitiativeId, replayed.AreaId, replayed.InitiatorId, replayed.Title, cancellationToken);
        var ids = replayed.Supporters.Concat(replayed.Commenters).Select(f => f.ResidentId).Distinct().ToList();
        var erased = await db.Recipients.Where(r => ids.Contains(r.AccountId) && r.ErasedAt != null).Select(r => r.AccountId).ToListAsync(cancellationToken);
        var known = await db.Followers.Where(f => f.InitiativeId == replayed.InitiativeId).ToDictionaryAsync(f => (f.AccountId, f.Reason), cancellationToken);
        foreach (var (reason, facts) in new[] { (FollowReason.Supporter, replayed.Supporters), (FollowReason.Commenter, replayed.Commenters) })
        {
            foreach (var fact in facts.Where(f => !erased.Contains(f.ResidentId)))
            {
                if (!known.TryGetValue((fact.ResidentId, reason), out var follower))
                {
                    follower = Follower.Of(tenant.RequiredTenantId, replayed.InitiativeId, fact.ResidentId, reason);
                    db.Followers.Add(follower);
                    known[(fact.ResidentId, reason)] = follower;
                }
                follower.Started(fact.Since);
            }
        }
        // A support left out of the snapshot was withdrawn, its withdrawal lost (a purged queue), unless
        // it is so recent that the snapshot could have been read before it was committed.
        var listed = replayed.Supporters.Select(f => f.ResidentId).ToHashSet();
        var settled = replayed.OccurredAt - SnapshotMargin;
        foreach (var follower in known.Values.Where(f => f is { Reason: FollowReason.Supporter, IsFollowing: true } && f.StartedAt < settled && !listed.Contains(f.AccountId)))
        {
            follower.Ended(replayed.OccurredAt);
        }
    }

    /// <summary>Longer than any transaction that commits a support: older supports are in a snapshot read at the replay's time.</summary>
    internal static readonly TimeSpan SnapshotMargin = TimeSpan.FromMinutes(5);

    /// <summary>The wijk's directors hear a comment was reported (the first report; they moderate).</summary>
    public Task CommentReportedAsync(CommentReported reported, CancellationToken cancellationToken) =>
        TellDirectorsAsync(new Message(reported.EventId, NotificationKind.CommentReported, reported.OccurredAt) { Reason = reported.Reason },
            reported.InitiativeId, reported.AreaId, reported.Title, cancellationToken);

    /// <summary>The wijk's directors hear an answer is due in two working days.</summary>
    public Task AnswerDueSoonAsync(InitiativeAnswerDueSoon due, CancellationToken cancellationToken) =>
        TellDirectorsAsync(new Message(due.EventId, NotificationKind.AnswerDueSoon, due.OccurredAt)
        {
            Status = due.Status,
            AnswerDueBy = due.DueBy,
        }, due.InitiativeId, due.AreaId, due.Title, cancellationToken);

    /// <summary>
    /// The wijk's directors hear of an initiative: its title as this service knows it (else the
    /// event's, else none), its id and its page go with <paramref name="message"/>.
    /// </summary>
    private async Task TellDirectorsAsync(Message message, Guid initiativeId, Guid areaId, string? title, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(initiativeId, cancellationToken);
        await announcements.AnnounceAsync(message with
        {
            InitiativeTitle = facts?.Title ?? title ?? "",
            SubjectId = initiativeId,
            Link = Page(initiativeId),
        }, await announcements.StaffOfAsync(areaId, Announcements.Directors, cancellationToken), cancellationToken);
    }

    private async Task FollowAsync(Guid initiativeId, Guid accountId, FollowReason reason, Action<Follower> change, CancellationToken cancellationToken)
    {
        var follower = await db.Followers.FirstOrDefaultAsync(f => f.InitiativeId == initiativeId && f.AccountId == accountId && f.Reason == reason, cancellationToken);
        if (follower is null)
        {
            follower = Follower.Of(tenant.RequiredTenantId, initiativeId, accountId, reason);
            db.Followers.Add(follower);
        }
        change(follower);
    }

    private async Task FundingDecidedAsync(Guid eventId, DateTimeOffset occurredAt, Guid initiativeId, decimal amount, bool reserved, string? detail, CancellationToken cancellationToken)
    {
        if (await FactsAsync(initiativeId, cancellationToken) is not { } facts)
        {
            LogUnknownInitiative(logger, initiativeId, tenant.RequiredTenantId);
            return;
        }
        await announcements.AnnounceAsync(new Message(eventId, NotificationKind.FundingDecided, occurredAt)
        {
            InitiativeTitle = facts.Title,
            SubjectId = initiativeId,
            Amount = amount,
            FundsReserved = reserved,
            Reason = detail,
            Link = Page(initiativeId),
        }, await announcements.AccountAsync(facts.InitiatorId, cancellationToken), cancellationToken);
    }

    /// <summary>Keeps what an initiatives event says of the initiative; the facts as known after it (null: never told).</summary>
    private async Task<InitiativeFacts?> RememberAsync(Guid initiativeId, Guid areaId, Guid? initiatorId, string? title, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(initiativeId, cancellationToken);
        if (facts is null && initiatorId is { } initiator && title is not null)
        {
            facts = InitiativeFacts.Of(tenant.RequiredTenantId, initiativeId, areaId, initiator, title);
            db.Initiatives.Add(facts);
        }
        else if (facts is not null && title is not null && facts.Title != title)
        {
            facts.Retitle(title);
        }
        return facts;
    }

    private async Task<InitiativeFacts?> FactsAsync(Guid initiativeId, CancellationToken cancellationToken) =>
        db.Initiatives.Local.FirstOrDefault(i => i.InitiativeId == initiativeId)
        ?? await db.Initiatives.FirstOrDefaultAsync(i => i.InitiativeId == initiativeId, cancellationToken);

    /// <summary>The web app's page of an initiative.</summary>
    private static string Page(Guid initiativeId) => $"initiatieven/{initiativeId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Initiative {InitiativeId} of {Tenant} is unknown here (submitted before its initiator was published); no one is told")]
    private static partial void LogUnknownInitiative(ILogger logger, Guid initiativeId, string tenant);
}

using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>What a resident submits.</summary>
public sealed record NewInitiative(
    string Title,
    string Description,
    Guid AreaId,
    Guid? BuurtId,
    Theme Theme,
    string? SubTheme,
    decimal RequestedAmount,
    GeoPoint? Location,
    string? AddressText,
    Guid? PriorityId,
    string? PublicName);

/// <summary>What a step changed beside the entities themselves: timeline entries and events to store with it.</summary>
public sealed class Changes
{
    public List<TimelineEntry> Timeline { get; } = [];

    public List<IIntegrationEvent> Events { get; } = [];
}

/// <summary>
/// A resident's initiative for their street or neighbourhood (initiatief), and its way through
/// the buurtcyclus. Every step checks the life-cycle rules, keeps a timeline entry, sets the next
/// promised answer date and names the events the other services hear.
/// </summary>
public sealed class Initiative
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int AddressMaxLength = 200;
    public const int PublicNameMaxLength = 100;
    public const int NoteMaxLength = 2000;

    /// <summary>What an illegal move's 409 adds: the current status and the caller's allowed moves (API names).</summary>
    public const string CurrentStatusDetail = "currentStatus";

    /// <inheritdoc cref="CurrentStatusDetail"/>
    public const string AllowedMovesDetail = "allowedMoves";

    private Initiative()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The wijk the initiative is for.</summary>
    public Guid AreaId { get; private set; }

    /// <summary>The buurt within the wijk, when the initiators named one.</summary>
    public Guid? BuurtId { get; private set; }

    public Theme Theme { get; private set; }

    /// <summary>One of the municipality's sub-themes of <see cref="Theme"/>.</summary>
    public string? SubTheme { get; private set; }

    /// <summary>Euros asked from the wijk budget, in whole cents.</summary>
    public decimal RequestedAmount { get; private set; }

    public GeoPoint? Location { get; private set; }

    public string? AddressText { get; private set; }

    /// <summary>The wijk priority (wijkplan) the initiative serves.</summary>
    public Guid? PriorityId { get; private set; }

    /// <summary>The resident who submitted it (the first initiator).</summary>
    public Guid InitiatorId { get; private set; }

    /// <summary>The initiators' name as they agreed to show it publicly; null: no consent, never published.</summary>
    public string? PublicName { get; private set; }

    public InitiativeStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The date the municipality promised its next answer by; null when none is awaited.</summary>
    public DateOnly? AnswerDueBy { get; private set; }

    /// <summary>Whether <c>InitiativeAnswerOverdue</c> went out for the current stage's promise.</summary>
    public bool AnswerOverdueNotified { get; private set; }

    /// <summary>When the municipality first answered (the first move after submission not by the initiators).</summary>
    public DateTimeOffset? FirstAnsweredAt { get; private set; }

    /// <summary>Why the director declined, for the residents.</summary>
    public string? DeclineReason { get; private set; }

    /// <summary>The version of the deal on the table or accepted; 0 before any proposal.</summary>
    public int DealVersion { get; private set; }

    public decimal? FinalCost { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>How many residents support it (kept with each support, for lists and the map).</summary>
    public int SupportCount { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>A new initiative, in the submitted state, with its first timeline entry and the event that tells the other services.</summary>
    public static (Initiative Initiative, Changes Changes) Submit(
        string tenantId, NewInitiative details, Guid initiatorId, TenantSettings settings, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        now = Truncate(now);
        var title = details.Title.Trim();
        var description = details.Description.Trim();
        if (title.Length is 0 or > TitleMaxLength)
        {
            throw RuleException.Invalid("title", $"A title has 1 to {TitleMaxLength} characters.");
        }
        if (description.Length is 0 or > DescriptionMaxLength)
        {
            throw RuleException.Invalid("description", $"A description has 1 to {DescriptionMaxLength} characters.");
        }
        if (details.RequestedAmount < 0 || decimal.Round(details.RequestedAmount, 2) != details.RequestedAmount)
        {
            throw RuleException.Invalid("requestedAmount", "An amount is zero or more, in whole cents.");
        }
        if (details.Location is { IsInNetherlands: false })
        {
            throw RuleException.Invalid("location", "The location lies outside the Netherlands (check that lat and lon are not swapped).");
        }
        string? subTheme = null;
        if (details.SubTheme is { } wanted && (subTheme = settings.FindSubTheme(details.Theme, wanted)) is null)
        {
            throw RuleException.Invalid("subTheme", $"The municipality has no sub-theme '{wanted}' under {details.Theme.ToString().ToLowerInvariant()}.");
        }

        var initiative = new Initiative
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Title = title,
            Description = description,
            AreaId = details.AreaId,
            BuurtId = details.BuurtId,
            Theme = details.Theme,
            SubTheme = subTheme,
            RequestedAmount = details.RequestedAmount,
            Location = details.Location,
            AddressText = Trimmed(details.AddressText),
            PriorityId = details.PriorityId,
            InitiatorId = initiatorId,
            PublicName = Trimmed(details.PublicName),
            Status = InitiativeStatus.Submitted,
            SubmittedAt = now,
            StatusChangedAt = now,
            AnswerDueBy = settings.AnswerDueBy(InitiativeStatus.Submitted, WorkingDays.LocalDate(now)),
        };
        var changes = new Changes();
        changes.Timeline.Add(TimelineEntry.For(initiative, TimelineKind.Submitted, LifeCycleActor.Initiator, initiatorId, now));
        changes.Events.Add(new InitiativeSubmitted(
            tenantId, Guid.CreateVersion7(now), now, initiative.Id, initiative.AreaId, initiative.Theme, initiative.RequestedAmount));
        return (initiative, changes);
    }

    /// <summary>Whether this initiative may take the fast track (its request is small enough).</summary>
    public bool IsFastTrack(TenantSettings settings) => settings.IsFastTrack(RequestedAmount);

    /// <summary>The moves this actor may make from here.</summary>
    public IReadOnlyList<InitiativeStatus> AllowedMoves(LifeCycleActor by, TenantSettings settings) =>
        InitiativeLifeCycle.AllowedMoves(Status, by, IsFastTrack(settings));

    /// <summary>
    /// A move through the status-changes resource. The deal's own moves (proposed, accepted) are
    /// made by proposing and accepting the deal. Completing needs the final cost (at most the
    /// accepted deal's amount); evaluating needs a finished evaluation.
    /// </summary>
    public Changes Move(InitiativeStatus to, LifeCycleActor by, Guid actorId, string? note, string? reason, decimal? finalCost,
        Deal? acceptedDeal, bool evaluationComplete, TenantSettings settings, DateTimeOffset now)
    {
        now = Truncate(now);
        if (to is InitiativeStatus.DealProposed or InitiativeStatus.DealAccepted && CanMove(to, by, settings))
        {
            throw Illegal(by, settings,
                to == InitiativeStatus.DealProposed
                    ? "A deal is proposed with PUT .../deal, which moves the initiative to deal-proposed."
                    : "A deal is accepted when every party has accepted it (POST .../deal/acceptances) and the budget reserved the money.");
        }
        EnsureCanMove(to, by, settings);
        reason = Trimmed(reason);
        if (InitiativeLifeCycle.NeedsReason(to) && reason is null)
        {
            throw RuleException.Invalid("reason", "A decline needs a reason the residents will see.");
        }
        var changes = new Changes();
        switch (to)
        {
            case InitiativeStatus.Completed:
                if (finalCost is not { } cost)
                {
                    throw RuleException.Invalid("finalCost", "Completing an initiative records its final cost.");
                }
                if (cost < 0 || decimal.Round(cost, 2) != cost)
                {
                    throw RuleException.Invalid("finalCost", "The final cost is zero or more, in whole cents.");
                }
                if (acceptedDeal is null || cost > acceptedDeal.Amount)
                {
                    throw RuleException.Invalid("finalCost", $"The final cost may not exceed the deal's {acceptedDeal?.Amount ?? 0:0.00} euros.");
                }
                FinalCost = cost;
                CompletedAt = now;
                changes.Events.Add(new InitiativeCompleted(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, cost));
                break;
            case InitiativeStatus.Evaluated when !evaluationComplete:
                throw RuleException.Conflict("The evaluation is not finished: write the story and review every commitment of the deal first.");
            case InitiativeStatus.Withdrawn:
                changes.Events.Add(new InitiativeWithdrawn(TenantId, Guid.CreateVersion7(now), now, Id, AreaId));
                break;
            case InitiativeStatus.Declined:
                DeclineReason = reason;
                changes.Events.Add(new InitiativeDeclined(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, reason!));
                break;
        }
        changes.Timeline.Insert(0, Enter(to, by, actorId, note, reason, settings, now, changes));
        return changes;
    }

    /// <summary>
    /// The director proposes the deal (from the reciprocity talk, or on the fast track from the
    /// internal check) or revises the proposed one, which makes a new version. Accepted deals are
    /// immutable.
    /// </summary>
    public (Deal Deal, Changes Changes) ProposeDeal(Deal? current, DealTerms terms, Guid directorId, string? note, TenantSettings settings, DateTimeOffset now)
    {
        now = Truncate(now);
        if (terms.Amount <= 0 || decimal.Round(terms.Amount, 2) != terms.Amount)
        {
            throw RuleException.Invalid("amount", "The amount is more than zero, in whole cents.");
        }
        if (!terms.Commitments.Any(c => c.Side == CommitmentSide.Resident))
        {
            throw RuleException.Invalid("residentCommitments", "A buurtdeal is two-sided: name at least one thing the residents do.");
        }
        if (terms.Commitments.GroupBy(c => c.Side).Any(g => g.Count() > Deal.MaxCommitmentsPerSide))
        {
            throw RuleException.Invalid("residentCommitments", $"A side has at most {Deal.MaxCommitmentsPerSide} commitments.");
        }
        var changes = new Changes();
        if (Status == InitiativeStatus.DealProposed)
        {
            if (current is not { State: DealState.Proposed })
            {
                throw RuleException.Conflict("There is no proposed deal to revise.");
            }
            current.Supersede();
        }
        else if (current is { State: DealState.Accepted })
        {
            throw RuleException.Conflict($"The deal was accepted (version {current.Version}); an accepted deal does not change.");
        }
        else
        {
            EnsureCanMove(InitiativeStatus.DealProposed, LifeCycleActor.Director, settings);
            if (Status == InitiativeStatus.InternalCheck && !settings.IsFastTrack(terms.Amount))
            {
                throw RuleException.Invalid("amount",
                    $"On the fast track a deal is at most {settings.FastTrackMaxAmount:0.00} euros; hold the reciprocity talk first.");
            }
            changes.Timeline.Add(Enter(InitiativeStatus.DealProposed, LifeCycleActor.Director, directorId, null, null, settings, now, changes));
        }
        var deal = Deal.Propose(this, DealVersion + 1, terms, directorId, now);
        DealVersion = deal.Version;
        if (Status == InitiativeStatus.DealProposed && changes.Timeline.Count == 0)
        {
            // A revision restarts the clock for the answer on the new proposal.
            AnswerDueBy = settings.AnswerDueBy(InitiativeStatus.DealProposed, WorkingDays.LocalDate(now));
            AnswerOverdueNotified = false;
        }
        changes.Timeline.Add(TimelineEntry.For(this, TimelineKind.DealProposed, LifeCycleActor.Director, directorId, now,
            note ?? $"Version {deal.Version}: {deal.Amount:0.00} euro"));
        changes.Events.Add(new DealProposed(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Theme, deal.Version, deal.Amount));
        return (deal, changes);
    }

    /// <summary>A party accepts the proposed deal; with every party in and the funds reserved the deal is accepted.</summary>
    public Changes AcceptDeal(Deal deal, LifeCycleActor party, Guid actorId, TenantSettings settings, DateTimeOffset now)
    {
        now = Truncate(now);
        if (Status != InitiativeStatus.DealProposed || deal.State != DealState.Proposed || deal.Version != DealVersion)
        {
            throw RuleException.Conflict($"There is no proposed deal to accept: the initiative is {Status.ApiName()}.");
        }
        if (deal.FundingStatus == FundingStatus.Rejected)
        {
            throw RuleException.Conflict($"The budget refused the money ({deal.FundingRejectionDetail}); the deal must be revised first.");
        }
        if (!deal.AcceptBy(party, now))
        {
            throw RuleException.Conflict($"The {party.ToString().ToLowerInvariant()} side already accepted version {deal.Version}.");
        }
        var changes = new Changes();
        changes.Timeline.Add(TimelineEntry.For(this, TimelineKind.DealAcceptedByParty, party, actorId, now, $"Version {deal.Version}"));
        CompleteAcceptance(deal, settings, now, changes);
        return changes;
    }

    /// <summary>The budget reserved the money for a deal version; stale versions are ignored.</summary>
    public Changes FundsReserved(Deal deal, string approver, TenantSettings settings, DateTimeOffset now)
    {
        var changes = new Changes();
        if (deal.State != DealState.Proposed || deal.FundingStatus == FundingStatus.Reserved)
        {
            return changes;
        }
        now = Truncate(now);
        deal.FundsReserved(approver);
        changes.Timeline.Add(TimelineEntry.For(this, TimelineKind.FundsReserved, LifeCycleActor.Platform, null, now,
            $"Version {deal.Version}: {deal.Amount:0.00} euro reserved; approver: {approver}"));
        CompleteAcceptance(deal, settings, now, changes);
        return changes;
    }

    /// <summary>The budget refused the money for a deal version; the director revises it.</summary>
    public Changes FundsRejected(Deal deal, string reason, string detail, DateTimeOffset now)
    {
        var changes = new Changes();
        if (deal.State != DealState.Proposed || deal.FundingStatus != FundingStatus.Pending)
        {
            return changes;
        }
        now = Truncate(now);
        deal.FundsRejected(reason, detail);
        changes.Timeline.Add(TimelineEntry.For(this, TimelineKind.FundsRejected, LifeCycleActor.Platform, null, now, $"Version {deal.Version}: {detail}"));
        return changes;
    }

    /// <summary>A commitment of the accepted deal is done (once, or this occurrence of a recurring one).</summary>
    public Changes MarkCommitmentDone(Deal deal, Guid commitmentId, LifeCycleActor by, Guid actorId, string? note, DateTimeOffset now)
    {
        now = Truncate(now);
        if (deal.State != DealState.Accepted)
        {
            throw RuleException.Conflict("Commitments are marked done once the deal is accepted.");
        }
        var commitment = deal.Commitments.FirstOrDefault(c => c.Id == commitmentId)
            ?? throw RuleException.Invalid("commitmentId", $"The deal has no commitment {commitmentId}.");
        note = Trimmed(note);
        if (note?.Length > Commitment.NoteMaxLength)
        {
            throw RuleException.Invalid("note", $"A note has at most {Commitment.NoteMaxLength} characters.");
        }
        commitment.MarkDone(note, now);
        var changes = new Changes();
        changes.Timeline.Add(TimelineEntry.For(this, TimelineKind.CommitmentDone, by, actorId, now, $"{commitment.Description}{(note is null ? "" : $": {note}")}"));
        return changes;
    }

    /// <summary>Whether an <c>InitiativeAnswerOverdue</c> is due now; remembers it, so once per breach.</summary>
    public InitiativeAnswerOverdue? TakeAnswerOverdue(DateTimeOffset now)
    {
        if (AnswerOverdueNotified || AnswerDueBy is not { } due || due >= WorkingDays.LocalDate(now))
        {
            return null;
        }
        AnswerOverdueNotified = true;
        return new InitiativeAnswerOverdue(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Status.ApiName(), due);
    }

    /// <summary>A timeline entry for a step that changes no status (the evaluation was written, ...).</summary>
    public TimelineEntry Record(TimelineKind kind, LifeCycleActor by, Guid actorId, DateTimeOffset at) =>
        TimelineEntry.For(this, kind, by, actorId, Truncate(at));

    public bool CanMove(InitiativeStatus to, LifeCycleActor by, TenantSettings settings) =>
        InitiativeLifeCycle.CanMove(Status, to, by, IsFastTrack(settings));

    private void EnsureCanMove(InitiativeStatus to, LifeCycleActor by, TenantSettings settings)
    {
        if (!CanMove(to, by, settings))
        {
            throw Illegal(by, settings, InitiativeLifeCycle.IsFinal(Status)
                ? $"The initiative is {Status.ApiName()}; no move leads on from there."
                : $"The initiative is {Status.ApiName()}; as {by.ToString().ToLowerInvariant()} you cannot move it to {to.ApiName()}.");
        }
    }

    /// <summary>A 409 that tells the caller where the initiative is and where they may take it.</summary>
    private RuleException Illegal(LifeCycleActor by, TenantSettings settings, string message) =>
        RuleException.Conflict(message, new Dictionary<string, object?>
        {
            [CurrentStatusDetail] = Status.ApiName(),
            [AllowedMovesDetail] = AllowedMoves(by, settings).Select(m => m.ApiName()).ToArray(),
        });

    private void CompleteAcceptance(Deal deal, TenantSettings settings, DateTimeOffset now, Changes changes)
    {
        if (!deal.IsReadyToAccept || Status != InitiativeStatus.DealProposed)
        {
            return;
        }
        deal.MarkAccepted(now);
        changes.Timeline.Add(Enter(InitiativeStatus.DealAccepted, LifeCycleActor.Platform, null, null, null, settings, now, changes));
        changes.Events.Add(new DealAccepted(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, deal.Version, deal.Amount));
    }

    /// <summary>Takes the step: status, the answer clock, the timeline entry and the status event.</summary>
    private TimelineEntry Enter(InitiativeStatus to, LifeCycleActor by, Guid? actorId, string? note, string? reason,
        TenantSettings settings, DateTimeOffset now, Changes changes)
    {
        note = Trimmed(note);
        if (note?.Length > NoteMaxLength)
        {
            throw RuleException.Invalid("note", $"A note has at most {NoteMaxLength} characters.");
        }
        var today = WorkingDays.LocalDate(now);
        var answered = by != LifeCycleActor.Initiator;
        var entry = TimelineEntry.For(this, TimelineKind.StatusChanged, by, actorId, now, note)
            .Moved(Status, to, reason, AnswerDueBy, answered && AnswerDueBy is { } due ? today <= due : null);
        changes.Events.Add(new InitiativeStatusChanged(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Status.ApiName(), to.ApiName()));
        if (answered)
        {
            FirstAnsweredAt ??= now;
        }
        Status = to;
        StatusChangedAt = now;
        AnswerDueBy = settings.AnswerDueBy(to, today);
        AnswerOverdueNotified = false;
        return entry;
    }

    /// <summary>PostgreSQL keeps microseconds: what we answer now is what a later read returns.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset now) => now.AddTicks(-(now.Ticks % 10));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

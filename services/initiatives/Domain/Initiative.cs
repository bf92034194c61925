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

/// <summary>
/// A move through the status-changes resource: where to, in which part and by which user, and what
/// goes with it. Completing needs the final cost and the initiative's deal; the move to evaluated
/// needs the evaluation.
/// </summary>
public sealed record Move(InitiativeStatus To, LifeCycleActor By, Guid ActorId)
{
    /// <summary>For the timeline.</summary>
    public string? Note { get; init; }

    /// <summary>Why; a decline needs one, and the residents see it.</summary>
    public string? Reason { get; init; }

    /// <summary>What the wijk budget really spent: completing records it, at most the accepted deal's amount.</summary>
    public decimal? FinalCost { get; init; }

    /// <summary>The initiative's current deal version, if any.</summary>
    public Deal? Deal { get; init; }

    /// <summary>The evaluation, if written: the move to evaluated needs it finished.</summary>
    public Evaluation? Evaluation { get; init; }
}

/// <summary>
/// A resident's initiative for their street or neighbourhood (initiatief), and its way through
/// the buurtcyclus. Every step checks the life-cycle rules before it changes anything, then records
/// its timeline entry, sets the next promised answer date and raises the events the other services
/// hear (stored with the change when it is saved).
/// </summary>
public sealed class Initiative : Aggregate
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

    /// <summary>Whether <c>InitiativeAnswerDueSoon</c> went out for the current stage's promise.</summary>
    public bool AnswerDueSoonNotified { get; private set; }

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
    public static Initiative Submit(
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
        initiative.Record(TimelineEntry.For(initiative, TimelineKind.Submitted, LifeCycleActor.Initiator, initiatorId, now));
        initiative.Raise(new InitiativeSubmitted(
            tenantId, Guid.CreateVersion7(now), now, initiative.Id, initiative.AreaId, initiative.Theme, initiative.RequestedAmount,
            initiatorId, title));
        return initiative;
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
    public void Move(Move move, TenantSettings settings, DateTimeOffset now)
    {
        now = Truncate(now);
        var (to, by) = (move.To, move.By);
        if (to is InitiativeStatus.DealProposed or InitiativeStatus.DealAccepted && CanMove(to, by, settings))
        {
            throw Illegal(by, settings,
                to == InitiativeStatus.DealProposed
                    ? "A deal is proposed with PUT .../deal, which moves the initiative to deal-proposed."
                    : "A deal is accepted when every party has accepted it (POST .../deal/acceptances) and the budget reserved the money.");
        }
        EnsureCanMove(to, by, settings);
        var reason = Trimmed(move.Reason);
        if (InitiativeLifeCycle.NeedsReason(to) && reason is null)
        {
            throw RuleException.Invalid("reason", "A decline needs a reason the residents will see.");
        }
        var finalCost = to == InitiativeStatus.Completed ? CheckedFinalCost(move.FinalCost, move.Deal) : 0m;
        if (to == InitiativeStatus.Evaluated && !(move.Evaluation is { } evaluation && move.Deal is { } deal && evaluation.IsCompleteFor(deal)))
        {
            throw RuleException.Conflict("The evaluation is not finished: write the story and review every commitment of the deal first.");
        }
        var note = CheckedNote(move.Note);

        switch (to)
        {
            case InitiativeStatus.Completed:
                FinalCost = finalCost;
                CompletedAt = now;
                Raise(new InitiativeCompleted(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, finalCost));
                break;
            case InitiativeStatus.Withdrawn:
                Raise(new InitiativeWithdrawn(TenantId, Guid.CreateVersion7(now), now, Id, AreaId));
                break;
            case InitiativeStatus.Declined:
                DeclineReason = reason;
                Raise(new InitiativeDeclined(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, reason!));
                break;
        }
        Enter(to, by, move.ActorId, note, reason, settings, now);
    }

    /// <summary>
    /// The director proposes the deal (from the reciprocity talk, or on the fast track from the
    /// internal check) or revises the proposed one, which makes a new version. Accepted deals are
    /// immutable. The new version is stored with the initiative.
    /// </summary>
    public Deal ProposeDeal(Deal? current, DealTerms terms, Guid directorId, string? note, TenantSettings settings, DateTimeOffset now)
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
        var revision = Status == InitiativeStatus.DealProposed;
        if (revision)
        {
            if (current is not { State: DealState.Proposed })
            {
                throw RuleException.Conflict("There is no proposed deal to revise.");
            }
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
        }
        // Checks its commitments, so before anything changes.
        var deal = Deal.Propose(this, DealVersion + 1, terms, directorId, now);

        if (revision)
        {
            current!.Supersede();
            // A revision restarts the clock for the answer on the new proposal.
            AnswerDueBy = settings.AnswerDueBy(InitiativeStatus.DealProposed, WorkingDays.LocalDate(now));
            AnswerOverdueNotified = false;
            AnswerDueSoonNotified = false;
        }
        else
        {
            Enter(InitiativeStatus.DealProposed, LifeCycleActor.Director, directorId, null, null, settings, now);
        }
        DealVersion = deal.Version;
        Record(deal);
        Record(TimelineEntry.For(this, TimelineKind.DealProposed, LifeCycleActor.Director, directorId, now,
            note ?? $"Version {deal.Version}: {deal.Amount:0.00} euro"));
        Raise(new DealProposed(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Theme, deal.Version, deal.Amount, InitiatorId, Title));
        return deal;
    }

    /// <summary>A party accepts the proposed deal; with every party in and the funds reserved the deal is accepted.</summary>
    public void AcceptDeal(Deal? deal, LifeCycleActor party, Guid actorId, TenantSettings settings, DateTimeOffset now)
    {
        now = Truncate(now);
        if (deal is null)
        {
            throw RuleException.Conflict($"No deal has been proposed; the initiative is {Status.ApiName()}.");
        }
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
        Record(TimelineEntry.For(this, TimelineKind.DealAcceptedByParty, party, actorId, now, $"Version {deal.Version}"));
        CompleteAcceptance(deal, settings, now);
    }

    /// <summary>The budget reserved the money for a deal version; stale versions are ignored.</summary>
    public void FundsReserved(Deal deal, string approver, TenantSettings settings, DateTimeOffset now)
    {
        if (deal.State != DealState.Proposed || deal.FundingStatus == FundingStatus.Reserved)
        {
            return;
        }
        now = Truncate(now);
        deal.FundsReserved(approver);
        Record(TimelineEntry.For(this, TimelineKind.FundsReserved, LifeCycleActor.Platform, null, now,
            $"Version {deal.Version}: {deal.Amount:0.00} euro reserved; approver: {approver}"));
        CompleteAcceptance(deal, settings, now);
    }

    /// <summary>The budget refused the money for a deal version; the director revises it.</summary>
    public void FundsRejected(Deal deal, string reason, string detail, DateTimeOffset now)
    {
        if (deal.State != DealState.Proposed || deal.FundingStatus != FundingStatus.Pending)
        {
            return;
        }
        now = Truncate(now);
        deal.FundsRejected(reason, detail);
        Record(TimelineEntry.For(this, TimelineKind.FundsRejected, LifeCycleActor.Platform, null, now, $"Version {deal.Version}: {detail}"));
    }

    /// <summary>A commitment of the accepted deal is done (once, or this occurrence of a recurring one).</summary>
    public Commitment MarkCommitmentDone(Deal? deal, Guid commitmentId, LifeCycleActor by, Guid actorId, string? note, DateTimeOffset now)
    {
        now = Truncate(now);
        if (deal is null)
        {
            throw RuleException.Conflict("The initiative has no deal.");
        }
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
        Record(TimelineEntry.For(this, TimelineKind.CommitmentDone, by, actorId, now, $"{commitment.Description}{(note is null ? "" : $": {note}")}"));
        return commitment;
    }

    /// <summary>
    /// The initiators or the director (<paramref name="by"/>: the author's part, if any) write or
    /// rewrite the evaluation of the completed initiative; a first evaluation is stored with the
    /// initiative, and the timeline notes each version.
    /// </summary>
    public Evaluation WriteEvaluation(Evaluation? existing, Deal? deal, string story, IReadOnlyList<CommitmentReview> reviews,
        LifeCycleActor? by, Guid authorId, DateTimeOffset now)
    {
        if (by is not (LifeCycleActor.Initiator or LifeCycleActor.Director))
        {
            throw RuleException.Forbidden("The evaluation is written by the initiators and the director of the wijk.");
        }
        if (deal is null)
        {
            throw RuleException.Conflict("The initiative has no deal to evaluate.");
        }
        var evaluation = Evaluation.Write(existing, this, deal, story, reviews, authorId, now);
        if (existing is null)
        {
            Record(evaluation);
        }
        Record(TimelineEntry.For(this, TimelineKind.EvaluationWritten, by.Value, authorId, Truncate(evaluation.UpdatedAt)));
        return evaluation;
    }

    /// <summary>
    /// The initiators or staff (<paramref name="role"/>, from <see cref="Actor.RequireUpdateAuthorOf"/>) post a progress
    /// update; it is stored with the initiative and its followers hear of it.
    /// </summary>
    public ProgressUpdate PostUpdate(Guid authorId, AuthorRole role, string text, DateTimeOffset now)
    {
        now = Truncate(now);
        var update = new ProgressUpdate(this, authorId, role, text, now);
        Record(update);
        Raise(new InitiativeUpdatePosted(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, update.Id, authorId,
            role == AuthorRole.Initiator ? "initiator" : "staff", update.Excerpt(), InitiatorId, Title));
        return update;
    }

    /// <summary>A resident supports the initiative (the caller checked they live in its wijk and did not support it yet).</summary>
    public Support AddSupport(Guid residentId, DateTimeOffset now)
    {
        now = Truncate(now);
        var support = new Support(this, residentId, now);
        Record(support);
        Raise(new InitiativeSupported(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, residentId));
        return support;
    }

    /// <summary>A resident's support was taken back (the caller deleted its row): those who follow it hear.</summary>
    public void SupportWithdrawn(Guid residentId, DateTimeOffset now)
    {
        now = Truncate(now);
        Raise(new InitiativeSupportWithdrawn(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, residentId));
    }

    /// <summary>How many working days ahead the directors hear that an answer falls due.</summary>
    public const int AnswerDueSoonWorkingDays = 2;

    /// <summary>
    /// The last promised date that counts as due soon on <paramref name="today"/>: two working days
    /// ahead, weekends and the municipality's <paramref name="holidays"/> skipped.
    /// </summary>
    public static DateOnly DueSoonUntil(DateOnly today, IReadOnlyCollection<DateOnly> holidays) =>
        WorkingDays.Add(today, AnswerDueSoonWorkingDays, holidays);

    /// <summary>
    /// Raises <c>InitiativeAnswerDueSoon</c> when the promised answer date is at most two working days
    /// away and has not passed; once per promise (true when now). A stage promised within two working
    /// days hears it at the watch's next beat.
    /// </summary>
    public bool RaiseIfAnswerDueSoon(DateTimeOffset now, IReadOnlyCollection<DateOnly> holidays)
    {
        var today = WorkingDays.LocalDate(now);
        if (AnswerDueSoonNotified || AnswerDueBy is not { } due || due < today || due > DueSoonUntil(today, holidays))
        {
            return false;
        }
        AnswerDueSoonNotified = true;
        Raise(new InitiativeAnswerDueSoon(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Status.ApiName(), due, Title));
        return true;
    }

    /// <summary>Raises <c>InitiativeAnswerOverdue</c> when the promised answer date has passed; once per breach (true when now).</summary>
    public bool RaiseIfAnswerOverdue(DateTimeOffset now)
    {
        if (AnswerOverdueNotified || AnswerDueBy is not { } due || due >= WorkingDays.LocalDate(now))
        {
            return false;
        }
        AnswerOverdueNotified = true;
        Raise(new InitiativeAnswerOverdue(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Status.ApiName(), due));
        return true;
    }

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

    /// <summary>The final cost of a completion: given, in whole cents, at most the accepted deal's amount.</summary>
    private static decimal CheckedFinalCost(decimal? finalCost, Deal? deal)
    {
        if (finalCost is not { } cost)
        {
            throw RuleException.Invalid("finalCost", "Completing an initiative records its final cost.");
        }
        if (cost < 0 || decimal.Round(cost, 2) != cost)
        {
            throw RuleException.Invalid("finalCost", "The final cost is zero or more, in whole cents.");
        }
        var accepted = deal is { State: DealState.Accepted } ? deal : null;
        if (accepted is null || cost > accepted.Amount)
        {
            throw RuleException.Invalid("finalCost", $"The final cost may not exceed the deal's {accepted?.Amount ?? 0:0.00} euros.");
        }
        return cost;
    }

    private static string? CheckedNote(string? note)
    {
        note = Trimmed(note);
        return note?.Length > NoteMaxLength
            ? throw RuleException.Invalid("note", $"A note has at most {NoteMaxLength} characters.")
            : note;
    }

    private void CompleteAcceptance(Deal deal, TenantSettings settings, DateTimeOffset now)
    {
        if (!deal.IsReadyToAccept || Status != InitiativeStatus.DealProposed)
        {
            return;
        }
        deal.MarkAccepted(now);
        Enter(InitiativeStatus.DealAccepted, LifeCycleActor.Platform, null, null, null, settings, now);
        Raise(new DealAccepted(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, deal.Version, deal.Amount));
    }

    /// <summary>Takes the step (its note already checked): status, the answer clock, the timeline entry and the status event.</summary>
    private void Enter(InitiativeStatus to, LifeCycleActor by, Guid? actorId, string? note, string? reason, TenantSettings settings, DateTimeOffset now)
    {
        var today = WorkingDays.LocalDate(now);
        var answered = by != LifeCycleActor.Initiator;
        Record(TimelineEntry.For(this, TimelineKind.StatusChanged, by, actorId, now, note)
            .Moved(Status, to, reason, AnswerDueBy, answered && AnswerDueBy is { } due ? today <= due : null));
        var nextAnswerDueBy = settings.AnswerDueBy(to, today);
        Raise(new InitiativeStatusChanged(TenantId, Guid.CreateVersion7(now), now, Id, AreaId, Status.ApiName(), to.ApiName(),
            InitiatorId, Title, note, reason, nextAnswerDueBy));
        if (answered)
        {
            FirstAnsweredAt ??= now;
        }
        Status = to;
        StatusChangedAt = now;
        AnswerDueBy = nextAnswerDueBy;
        AnswerOverdueNotified = false;
        AnswerDueSoonNotified = false;
    }

    /// <summary>PostgreSQL keeps microseconds: what we answer now is what a later read returns.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset now) => now.AddTicks(-(now.Ticks % 10));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

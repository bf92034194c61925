using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.Testing;
using DealAcceptedEvent = Buurt.Contracts.Initiatives.DealAccepted;
using DealProposedEvent = Buurt.Contracts.Initiatives.DealProposed;
using static Buurt.Initiatives.Domain.InitiativeStatus;

namespace Buurt.Initiatives.Tests;

/// <summary>The initiative aggregate: its steps, timeline, answer dates, deal and events, without a database.</summary>
public sealed class InitiativeTests
{
    // Monday 23 November 2026, 10:15 in Hilversum.
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 10, 15, 30, TimeSpan.FromHours(1));
    private static readonly Guid s_area = Demo.Zuid;
    private static readonly Guid s_resident = Guid.NewGuid();
    private static readonly Guid s_director = Guid.NewGuid();

    private static TenantSettings Settings(decimal fastTrack = 1_000m, params DateOnly[] holidays)
    {
        var settings = TenantSettings.Default("hilversum");
        settings.Change(fastTrack, TenantSettings.DefaultResponseDays, holidays, [new SubTheme(Theme.Fysiek, "Groen")], 60);
        return settings;
    }

    private static NewInitiative Details(decimal amount = 850.50m, GeoPoint? location = null, string? subTheme = null) =>
        new("  Bankje bij de speeltuin ", " Een bank voor ouders. ", s_area, null, Theme.Fysiek, subTheme, amount,
            location ?? new GeoPoint(52.22, 5.17), "Speeltuin Kerkelanden", null, null);

    private static Initiative Submit(decimal amount = 850.50m, TenantSettings? settings = null) =>
        Initiative.Submit("hilversum", Details(amount), s_resident, settings ?? Settings(), s_now);

    private static Move ByDirector(InitiativeStatus to) => new(to, LifeCycleActor.Director, s_director);

    private static readonly DealTerms s_terms = new(800m,
    [
        new CommitmentTerms(CommitmentSide.Resident, "Bank schilderen", "Bewonersgroep", new DateOnly(2027, 3, 1), null),
        new CommitmentTerms(CommitmentSide.Resident, "Tuin onderhouden", "Sanne", null,
            new Recurrence(RecurrenceFrequency.Monthly, 1, new DateOnly(2028, 11, 30))),
        new CommitmentTerms(CommitmentSide.Municipal, "Bank plaatsen", "Gemeente", new DateOnly(2027, 2, 1), null),
    ]);

    /// <summary>What an aggregate raised (events) and recorded (rows stored with it), as the DbContext takes them on save.</summary>
    private sealed record Raised(IReadOnlyList<IIntegrationEvent> Events, IReadOnlyList<object> Rows)
    {
        public IReadOnlyList<TimelineEntry> Timeline => [.. Rows.OfType<TimelineEntry>()];

        /// <summary>What the aggregate raised and recorded since it was last taken.</summary>
        public static Raised By(Aggregate aggregate) => new(aggregate.TakeRaisedEvents(), aggregate.TakeRecordedRows());

        /// <summary>What one step raised and recorded (what came before is taken first).</summary>
        public static Raised By(Aggregate aggregate, Action step)
        {
            By(aggregate);
            step();
            return By(aggregate);
        }
    }

    private static void AssertNothingStored(Aggregate aggregate)
    {
        Assert.Empty(aggregate.TakeRaisedEvents());
        Assert.Empty(aggregate.TakeRecordedRows());
    }

    [Fact]
    public void A_submitted_initiative_starts_submitted_with_its_first_timeline_entry_answer_date_and_event()
    {
        var initiative = Submit();
        var raised = Raised.By(initiative);

        Assert.Equal(Submitted, initiative.Status);
        Assert.Equal("Bankje bij de speeltuin", initiative.Title);
        Assert.Equal("Een bank voor ouders.", initiative.Description);
        Assert.Equal(7, initiative.Id.Version);
        // Five working days after Monday the 23rd: Monday the 30th.
        Assert.Equal(new DateOnly(2026, 11, 30), initiative.AnswerDueBy);
        var entry = Assert.IsType<TimelineEntry>(Assert.Single(raised.Rows));
        Assert.Equal((TimelineKind.Submitted, LifeCycleActor.Initiator, s_resident), (entry.Kind, entry.ActorRole, entry.ActorId));
        var submitted = Assert.IsType<InitiativeSubmitted>(Assert.Single(raised.Events));
        Assert.Equal(("hilversum", initiative.Id, s_area, Theme.Fysiek, 850.50m, initiative.SubmittedAt),
            (submitted.TenantId, submitted.InitiativeId, submitted.AreaId, submitted.Theme, submitted.RequestedAmount, submitted.OccurredAt));
        // For the notifications: whose it is and its title.
        Assert.Equal((s_resident, "Bankje bij de speeltuin"), (submitted.InitiatorId, submitted.Title));
        // Taken once: a second save stores nothing again.
        AssertNothingStored(initiative);
    }

    [Fact]
    public void Working_days_skip_weekends_and_the_municipality_s_holidays()
    {
        var friday = new DateOnly(2026, 12, 18);
        Assert.Equal(new DateOnly(2026, 12, 25), WorkingDays.Add(friday, 5, []));
        // Christmas and Boxing Day off: Friday the 18th + 5 working days is Tuesday the 29th... minus the 25th only (26th is a Saturday).
        Assert.Equal(new DateOnly(2026, 12, 28), WorkingDays.Add(friday, 5, [new DateOnly(2026, 12, 25)]));
        Assert.Equal(new DateOnly(2026, 11, 30), Submit(settings: Settings()).AnswerDueBy);
        var withHoliday = Initiative.Submit("hilversum", Details(), s_resident, Settings(holidays: new DateOnly(2026, 11, 27)), s_now);
        Assert.Equal(new DateOnly(2026, 12, 1), withHoliday.AnswerDueBy);
    }

    public static TheoryData<string, NewInitiative, string> BadDetails() => new()
    {
        { "empty title", Details() with { Title = "  " }, "title" },
        { "over-long title", Details() with { Title = new string('x', Initiative.TitleMaxLength + 1) }, "title" },
        { "empty description", Details() with { Description = "" }, "description" },
        { "negative amount", Details(-0.01m), "requestedAmount" },
        { "fraction of a cent", Details(10.005m), "requestedAmount" },
        { "in Paris", Details(location: new GeoPoint(48.86, 2.35)), "location" },
        { "lat and lon swapped", Details(location: new GeoPoint(5.17, 52.22)), "location" },
        { "unknown sub-theme", Details(subTheme: "Verkeer"), "subTheme" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public void Bad_details_are_refused_naming_the_field(string why, NewInitiative details, string field)
    {
        var error = Assert.Throws<RuleException>(() => Initiative.Submit("hilversum", details, s_resident, Settings(), s_now));
        Assert.True(error.Kind == RuleKind.Invalid && error.Field == field, $"{why}: {error.Kind} {error.Field}");
    }

    [Fact]
    public void A_sub_theme_is_kept_as_the_municipality_spells_it()
    {
        var initiative = Initiative.Submit("hilversum", Details(subTheme: "groen"), s_resident, Settings(), s_now);
        Assert.Equal("Groen", initiative.SubTheme);
    }

    [Fact]
    public void A_move_keeps_who_when_and_the_note_and_whether_the_answer_came_on_time()
    {
        var initiative = Submit();
        var later = s_now.AddDays(9); // Wednesday 2 December: after the promised Monday.

        var moved = Raised.By(initiative, () => initiative.Move(ByDirector(InternalCheck) with { Note = "Wijkteam kijkt mee" }, Settings(), later));

        var entry = Assert.Single(moved.Timeline);
        Assert.Equal((Submitted, InternalCheck, s_director, "Wijkteam kijkt mee"), (entry.From!.Value, entry.To!.Value, entry.ActorId!.Value, entry.Note));
        Assert.Equal(new DateOnly(2026, 11, 30), entry.AnswerDueBy);
        Assert.False(entry.AnsweredOnTime);
        Assert.Equal(later, initiative.FirstAnsweredAt);
        // Ten working days from Wednesday 2 December.
        Assert.Equal(new DateOnly(2026, 12, 16), initiative.AnswerDueBy);
        var changed = Assert.IsType<InitiativeStatusChanged>(Assert.Single(moved.Events));
        Assert.Equal(("submitted", "internal-check"), (changed.From, changed.To));
        // What the initiator's notification tells: the note and the new stage's promised date.
        Assert.Equal((s_resident, "Bankje bij de speeltuin", "Wijkteam kijkt mee", null, new DateOnly(2026, 12, 16)),
            (changed.InitiatorId, changed.Title, changed.Note, changed.Reason, changed.AnswerDueBy));
    }

    [Fact]
    public void An_illegal_move_names_the_current_status_and_the_allowed_moves_and_changes_nothing()
    {
        var initiative = Submit();
        Raised.By(initiative);

        var error = Assert.Throws<RuleException>(() => initiative.Move(ByDirector(InExecution), Settings(), s_now));

        Assert.Equal(RuleKind.Conflict, error.Kind);
        Assert.Equal("submitted", error.Details![Initiative.CurrentStatusDetail]);
        Assert.Equal(["internal-check", "declined"], Assert.IsType<string[]>(error.Details[Initiative.AllowedMovesDetail]));
        Assert.Equal(Submitted, initiative.Status);
        AssertNothingStored(initiative);
    }

    [Fact]
    public void A_refused_step_is_refused_before_it_changes_anything_so_nothing_is_stored()
    {
        // A decline with a reason but an over-long note: the reason is not kept, no event leaves.
        var declined = Submit();
        Raised.By(declined);
        Assert.Equal("note", Assert.Throws<RuleException>(() => declined.Move(
            ByDirector(Declined) with { Reason = "Past niet", Note = new string('x', Initiative.NoteMaxLength + 1) }, Settings(), s_now)).Field);
        Assert.Equal(Submitted, declined.Status);
        Assert.Null(declined.DeclineReason);
        AssertNothingStored(declined);

        // A revision with a bad commitment: the proposed deal stays on the table, no new version.
        var initiative = ToReciprocityTalk();
        var first = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        Raised.By(initiative);
        var badCommitment = s_terms with { Commitments = [.. s_terms.Commitments, new CommitmentTerms(CommitmentSide.Resident, "Iets", " ", null, null)] };
        Assert.Equal("residentCommitments[2].owner", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(first, badCommitment, s_director, null, Settings(), s_now)).Field);
        Assert.Equal((DealState.Proposed, 1), (first.State, initiative.DealVersion));
        AssertNothingStored(initiative);
    }

    [Fact]
    public void A_decline_needs_a_reason_which_the_residents_see_and_the_budget_hears()
    {
        var initiative = Submit();
        Assert.Equal("reason", Assert.Throws<RuleException>(() =>
            initiative.Move(ByDirector(Declined) with { Reason = "  " }, Settings(), s_now)).Field);

        var declined = Raised.By(initiative, () => initiative.Move(ByDirector(Declined) with { Reason = "Past niet in het wijkplan" }, Settings(), s_now));

        Assert.Equal(Declined, initiative.Status);
        Assert.Equal("Past niet in het wijkplan", initiative.DeclineReason);
        Assert.Null(initiative.AnswerDueBy);
        Assert.Contains(declined.Events, e => e is InitiativeDeclined { Reason: "Past niet in het wijkplan" });
    }

    [Fact]
    public void Initiators_withdraw_before_the_deal_is_accepted_but_not_after()
    {
        var initiative = Submit();
        var withdrawn = Raised.By(initiative, () => initiative.Move(new Move(Withdrawn, LifeCycleActor.Initiator, s_resident), Settings(), s_now));
        Assert.Contains(withdrawn.Events, e => e is InitiativeWithdrawn);

        var (accepted, deal) = ToAcceptedDeal();
        var error = Assert.Throws<RuleException>(() =>
            accepted.Move(new Move(Withdrawn, LifeCycleActor.Initiator, s_resident) { Deal = deal }, Settings(), s_now));
        Assert.Equal("deal-accepted", error.Details![Initiative.CurrentStatusDetail]);
        Assert.Empty(Assert.IsType<string[]>(error.Details[Initiative.AllowedMovesDetail]));
    }

    [Fact]
    public void A_deal_is_proposed_with_its_own_resource_not_as_a_status_change()
    {
        var initiative = ToReciprocityTalk();

        var error = Assert.Throws<RuleException>(() => initiative.Move(ByDirector(InitiativeStatus.DealProposed), Settings(), s_now));
        Assert.Contains("PUT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fast_track_goes_from_the_internal_check_to_a_deal_only_for_small_amounts()
    {
        var small = Submit(amount: 400m);
        small.Move(ByDirector(InternalCheck), Settings(), s_now);
        var deal = small.ProposeDeal(null, s_terms with { Amount = 400m }, s_director, null, Settings(), s_now);
        Assert.Equal(InitiativeStatus.DealProposed, small.Status);
        Assert.Equal(1, deal.Version);

        var large = Submit(amount: 4_000m);
        large.Move(ByDirector(InternalCheck), Settings(), s_now);
        var error = Assert.Throws<RuleException>(() => large.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now));
        Assert.Equal(["reciprocity-talk", "declined"], Assert.IsType<string[]>(error.Details![Initiative.AllowedMovesDetail]));
        Assert.Equal(InternalCheck, large.Status);
    }

    private static Initiative ToReciprocityTalk()
    {
        var initiative = Submit();
        initiative.Move(ByDirector(InternalCheck), Settings(), s_now);
        initiative.Move(ByDirector(ReciprocityTalk), Settings(), s_now);
        return initiative;
    }

    private static (Initiative, Deal) ToAcceptedDeal()
    {
        var initiative = ToReciprocityTalk();
        var deal = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now);
        initiative.FundsReserved(deal, "director", Settings(), s_now);
        return (initiative, deal);
    }

    [Fact]
    public void Proposing_asks_the_budget_and_the_deal_is_accepted_only_when_every_party_and_the_funds_are_in()
    {
        var initiative = ToReciprocityTalk();
        Deal deal = null!;

        var proposed = Raised.By(initiative, () => deal = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now));

        var asked = Assert.Single(proposed.Events.OfType<DealProposedEvent>());
        Assert.Equal((initiative.Id, 1, 800m), (asked.InitiativeId, asked.DealVersion, asked.Amount));
        // The new version is stored with the initiative, beside the timeline's move and proposal.
        Assert.Same(deal, Assert.Single(proposed.Rows.OfType<Deal>()));
        Assert.Equal([TimelineKind.StatusChanged, TimelineKind.DealProposed], proposed.Timeline.Select(e => e.Kind));
        Assert.Equal(FundingStatus.Pending, deal.FundingStatus);
        Assert.Empty(Raised.By(initiative, () => initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now)).Events);
        Assert.Empty(Raised.By(initiative, () => initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now)).Events);
        Assert.Equal(InitiativeStatus.DealProposed, initiative.Status);

        var funded = Raised.By(initiative, () => initiative.FundsReserved(deal, "director", Settings(), s_now));

        Assert.Equal(InitiativeStatus.DealAccepted, initiative.Status);
        Assert.Equal(DealState.Accepted, deal.State);
        var accepted = Assert.Single(funded.Events.OfType<DealAcceptedEvent>());
        Assert.Equal((1, 800m), (accepted.DealVersion, accepted.Amount));
        Assert.Contains(funded.Timeline, e => e.Kind == TimelineKind.StatusChanged && e.ActorRole == LifeCycleActor.Platform);
        // The first due dates start with the acceptance.
        Assert.Equal(new DateOnly(2027, 3, 1), deal.Commitments[0].NextDue);
        Assert.Equal(new DateOnly(2026, 12, 23), deal.Commitments[1].NextDue);
    }

    [Fact]
    public void Above_the_director_s_mandate_the_alderman_accepts_too()
    {
        var initiative = ToReciprocityTalk();
        var deal = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.FundsReserved(deal, "alderman", Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now);
        Assert.Equal(InitiativeStatus.DealProposed, initiative.Status);

        initiative.AcceptDeal(deal, LifeCycleActor.Alderman, Guid.NewGuid(), Settings(), s_now);

        Assert.Equal(InitiativeStatus.DealAccepted, initiative.Status);
    }

    [Fact]
    public void A_deal_is_accepted_and_its_commitments_marked_done_only_once_proposed()
    {
        var initiative = ToReciprocityTalk();

        Assert.Contains("No deal has been proposed", Assert.Throws<RuleException>(() =>
            initiative.AcceptDeal(null, LifeCycleActor.Initiator, s_resident, Settings(), s_now)).Message, StringComparison.Ordinal);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.MarkCommitmentDone(null, Guid.NewGuid(), LifeCycleActor.Initiator, s_resident, null, s_now)).Kind);
        var deal = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.MarkCommitmentDone(deal, deal.Commitments[0].Id, LifeCycleActor.Initiator, s_resident, null, s_now)).Kind);
    }

    [Fact]
    public void A_refused_reservation_shows_its_reason_blocks_acceptance_and_a_revision_makes_a_new_version()
    {
        var initiative = ToReciprocityTalk();
        var first = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.FundsRejected(first, "insufficient-funds", "Er is nog 500,00 euro over in Zuid.", s_now);
        Assert.Equal((FundingStatus.Rejected, "insufficient-funds"), (first.FundingStatus, first.FundingRejectionReason));
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.AcceptDeal(first, LifeCycleActor.Initiator, s_resident, Settings(), s_now)).Kind);
        Deal second = null!;

        var revised = Raised.By(initiative, () => second = initiative.ProposeDeal(first, s_terms with { Amount = 500m }, s_director, null, Settings(), s_now));

        Assert.Equal(DealState.Superseded, first.State);
        Assert.Equal((2, 500m, FundingStatus.Pending), (second.Version, second.Amount, second.FundingStatus));
        Assert.Equal(2, Assert.Single(revised.Events.OfType<DealProposedEvent>()).DealVersion);
        // A late answer for the old version changes nothing.
        Assert.Empty(Raised.By(initiative, () => initiative.FundsReserved(first, "director", Settings(), s_now)).Events);
        Assert.Equal(FundingStatus.Pending, second.FundingStatus);
    }

    [Fact]
    public void An_accepted_deal_does_not_change()
    {
        var (initiative, deal) = ToAcceptedDeal();
        var error = Assert.Throws<RuleException>(() => initiative.ProposeDeal(deal, s_terms, s_director, null, Settings(), s_now));
        Assert.Equal(RuleKind.Conflict, error.Kind);
        Assert.Equal(DealState.Accepted, deal.State);
    }

    [Fact]
    public void A_deal_needs_a_positive_amount_in_cents_and_something_the_residents_do()
    {
        var initiative = ToReciprocityTalk();
        Assert.Equal("amount", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Amount = 0m }, s_director, null, Settings(), s_now)).Field);
        Assert.Equal("amount", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Amount = 1.001m }, s_director, null, Settings(), s_now)).Field);
        Assert.Equal("residentCommitments", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Commitments = [.. s_terms.Commitments.Where(c => c.Side == CommitmentSide.Municipal)] },
                s_director, null, Settings(), s_now)).Field);
        Assert.Equal(ReciprocityTalk, initiative.Status);
    }

    /// <summary>Noon in Hilversum on that day.</summary>
    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void A_recurring_commitment_moves_to_its_next_occurrence_until_its_end_and_overdue_is_told_once_per_due_date()
    {
        var (initiative, deal) = ToAcceptedDeal();
        var garden = deal.Commitments[1];

        var done = Raised.By(initiative, () => initiative.MarkCommitmentDone(deal, garden.Id, LifeCycleActor.Initiator, s_resident, "Gemaaid", s_now));

        Assert.Equal((CommitmentStatus.Open, 1, new DateOnly(2027, 1, 23)), (garden.Status, garden.TimesDone, garden.NextDue!.Value));
        Assert.Equal("Tuin onderhouden: Gemaaid", Assert.Single(done.Timeline).Note);
        Assert.True(garden.RaiseIfOverdue(s_area, On(2027, 1, 24)));
        Assert.False(garden.RaiseIfOverdue(s_area, On(2027, 1, 25)));
        var once = deal.Commitments[0];
        initiative.MarkCommitmentDone(deal, once.Id, LifeCycleActor.Initiator, s_resident, null, s_now);
        Assert.Equal(CommitmentStatus.Done, once.Status);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.MarkCommitmentDone(deal, once.Id, LifeCycleActor.Initiator, s_resident, null, s_now)).Kind);
    }

    [Fact]
    public void A_recurring_commitment_of_a_deal_accepted_after_its_first_period_would_end_is_due_once_on_its_end()
    {
        var initiative = ToReciprocityTalk();
        var terms = new DealTerms(800m,
        [
            new CommitmentTerms(CommitmentSide.Resident, "Tuin onderhouden", "Sanne", null, new Recurrence(RecurrenceFrequency.Monthly, 1, new DateOnly(2027, 1, 10))),
            new CommitmentTerms(CommitmentSide.Municipal, "Bank plaatsen", "Gemeente", new DateOnly(2027, 2, 1), null),
        ]);
        var deal = initiative.ProposeDeal(null, terms, s_director, null, Settings(), s_now);
        var late = On(2027, 1, 5);
        initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), late);
        initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), late);
        initiative.FundsReserved(deal, "director", Settings(), late);
        var garden = deal.Commitments[0];

        // One period after the acceptance (5 February) is past the end (10 January).
        Assert.Equal(new DateOnly(2027, 1, 10), garden.NextDue);
        initiative.MarkCommitmentDone(deal, garden.Id, LifeCycleActor.Initiator, s_resident, null, late);
        Assert.Equal((CommitmentStatus.Done, (DateOnly?)null), (garden.Status, garden.NextDue));
    }

    [Fact]
    public void An_overdue_commitment_raises_CommitmentOverdue_with_its_wijk_side_owner_and_due_date()
    {
        var (_, deal) = ToAcceptedDeal();
        var bench = deal.Commitments[2];

        Assert.False(bench.RaiseIfOverdue(s_area, On(2027, 2, 1))); // Due that day: not late yet.
        Assert.Empty(bench.TakeRaisedEvents());
        Assert.True(bench.RaiseIfOverdue(s_area, On(2027, 2, 2)));

        var overdue = Assert.IsType<CommitmentOverdue>(Assert.Single(bench.TakeRaisedEvents()));
        Assert.Equal(("hilversum", deal.InitiativeId, s_area, bench.Id, "municipal", "Gemeente", new DateOnly(2027, 2, 1)),
            (overdue.TenantId, overdue.InitiativeId, overdue.AreaId, overdue.CommitmentId, overdue.Side, overdue.Owner, overdue.DueDate));
        Assert.Equal(new DateOnly(2027, 2, 1), bench.OverdueNotifiedFor);
        Assert.False(bench.RaiseIfOverdue(s_area, On(2027, 2, 3)));
        Assert.Equal("resident", Assert.IsType<CommitmentOverdue>(Assert.Single(RaisedOverdue(deal.Commitments[0], On(2027, 3, 2)))).Side);
    }

    private static IReadOnlyList<IIntegrationEvent> RaisedOverdue(Commitment commitment, DateTimeOffset now)
    {
        commitment.RaiseIfOverdue(s_area, now);
        return commitment.TakeRaisedEvents();
    }

    [Fact]
    public void Completion_records_the_final_cost_at_most_the_deal_s_amount_and_evaluation_needs_the_story()
    {
        var (initiative, deal) = ToAcceptedDeal();
        initiative.Move(ByDirector(InExecution) with { Deal = deal }, Settings(), s_now);
        Assert.Equal("finalCost", Assert.Throws<RuleException>(() =>
            initiative.Move(ByDirector(Completed) with { Deal = deal }, Settings(), s_now)).Field);
        Assert.Equal("finalCost", Assert.Throws<RuleException>(() =>
            initiative.Move(ByDirector(Completed) with { Deal = deal, FinalCost = 800.01m }, Settings(), s_now)).Field);

        var completed = Raised.By(initiative, () => initiative.Move(ByDirector(Completed) with { Deal = deal, FinalCost = 742.10m }, Settings(), s_now));

        Assert.Equal(742.10m, Assert.Single(completed.Events.OfType<InitiativeCompleted>()).FinalCost);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.Move(ByDirector(Evaluated) with { Deal = deal }, Settings(), s_now)).Kind);
        // A story without a review of every commitment is not finished.
        var unfinished = initiative.WriteEvaluation(null, deal, "Het bankje staat er.",
            [new CommitmentReview(deal.Commitments[0].Id, CommitmentOutcome.Kept, null)], LifeCycleActor.Initiator, s_resident, s_now);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.Move(ByDirector(Evaluated) with { Deal = deal, Evaluation = unfinished }, Settings(), s_now)).Kind);
        var evaluation = initiative.WriteEvaluation(unfinished, deal, "Het bankje staat er.",
            [.. deal.Commitments.Select(c => new CommitmentReview(c.Id, CommitmentOutcome.Kept, null))], LifeCycleActor.Director, s_director, s_now);
        Assert.True(evaluation.IsCompleteFor(deal));
        initiative.Move(ByDirector(Evaluated) with { Deal = deal, Evaluation = evaluation }, Settings(), s_now);
        Assert.Equal(Evaluated, initiative.Status);
    }

    [Fact]
    public void The_evaluation_is_written_by_the_initiators_or_the_director_once_completed_and_each_version_is_on_the_timeline()
    {
        var (initiative, deal) = ToAcceptedDeal();
        IReadOnlyList<CommitmentReview> reviews = [.. deal.Commitments.Select(c => new CommitmentReview(c.Id, CommitmentOutcome.Partly, "Half"))];
        Evaluation Write(Evaluation? existing, Deal? on, LifeCycleActor? by) =>
            initiative.WriteEvaluation(existing, on, "Het bankje staat er.", reviews, by, s_resident, s_now);

        Assert.Equal(RuleKind.Forbidden, Assert.Throws<RuleException>(() => Write(null, deal, LifeCycleActor.Alderman)).Kind);
        Assert.Equal(RuleKind.Forbidden, Assert.Throws<RuleException>(() => Write(null, deal, null)).Kind);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => Write(null, null, LifeCycleActor.Director)).Kind);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() => Write(null, deal, LifeCycleActor.Director)).Kind); // Not completed yet.
        initiative.Move(ByDirector(InExecution) with { Deal = deal }, Settings(), s_now);
        initiative.Move(ByDirector(Completed) with { Deal = deal, FinalCost = 700m }, Settings(), s_now);
        Evaluation first = null!;

        var written = Raised.By(initiative, () => first = Write(null, deal, LifeCycleActor.Initiator));
        var rewritten = Raised.By(initiative, () => Write(first, deal, LifeCycleActor.Director));

        Assert.Same(first, Assert.Single(written.Rows.OfType<Evaluation>()));
        Assert.Equal((TimelineKind.EvaluationWritten, LifeCycleActor.Initiator), (Assert.Single(written.Timeline).Kind, written.Timeline[0].ActorRole));
        // A rewrite changes the stored evaluation; only the timeline gets a row.
        Assert.Equal(LifeCycleActor.Director, Assert.IsType<TimelineEntry>(Assert.Single(rewritten.Rows)).ActorRole);
        Assert.Empty(written.Events);
    }

    [Fact]
    public void An_answer_due_within_two_working_days_is_told_once_per_promise_and_the_holidays_count()
    {
        var initiative = Submit(); // on Monday 23 November: due Monday 30 November
        Raised.By(initiative);
        var wednesday = s_now.AddDays(2);

        Assert.False(initiative.RaiseIfAnswerDueSoon(wednesday, [])); // Thursday and Friday come first
        Assert.True(initiative.RaiseIfAnswerDueSoon(wednesday, [new DateOnly(2026, 11, 27)])); // with Friday a holiday, Monday is the second working day

        var soon = Assert.IsType<InitiativeAnswerDueSoon>(Assert.Single(initiative.TakeRaisedEvents()));
        Assert.Equal(("submitted", new DateOnly(2026, 11, 30), initiative.Title), (soon.Status, soon.DueBy, soon.Title));
        Assert.False(initiative.RaiseIfAnswerDueSoon(s_now.AddDays(4), [])); // once per promise
        initiative.Move(ByDirector(InternalCheck), Settings(), s_now.AddDays(4));
        var due = initiative.AnswerDueBy!.Value;
        Assert.False(initiative.RaiseIfAnswerDueSoon(new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1)), [])); // passed: overdue, not soon
        Assert.True(initiative.RaiseIfAnswerDueSoon(new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1)), [])); // the new promise's
    }

    [Fact]
    public void An_overdue_answer_is_told_once_per_stage()
    {
        var initiative = Submit();
        Raised.By(initiative);
        Assert.False(initiative.RaiseIfAnswerOverdue(s_now.AddDays(7))); // Monday the 30th: still in time.

        Assert.True(initiative.RaiseIfAnswerOverdue(s_now.AddDays(8)));

        var overdue = Assert.IsType<InitiativeAnswerOverdue>(Assert.Single(initiative.TakeRaisedEvents()));
        Assert.Equal(("submitted", new DateOnly(2026, 11, 30)), (overdue.Status, overdue.DueBy));
        Assert.False(initiative.RaiseIfAnswerOverdue(s_now.AddDays(9)));
        initiative.Move(ByDirector(InternalCheck), Settings(), s_now.AddDays(9));
        Assert.False(initiative.RaiseIfAnswerOverdue(s_now.AddDays(10)));
        Assert.True(initiative.RaiseIfAnswerOverdue(s_now.AddDays(40)));
    }

    [Fact]
    public void A_report_is_stored_with_the_comment_and_counted_for_the_moderation_queue()
    {
        var initiative = Submit();
        var comment = new Comment(initiative, s_resident, " Goed plan! ", s_now);
        Assert.IsType<CommentPosted>(Assert.Single(comment.TakeRaisedEvents()));
        var reporter = Guid.NewGuid();

        var reported = Raised.By(comment, () => comment.Report(initiative, reporter, " Reclame ", s_now));

        var report = Assert.IsType<CommentReport>(Assert.Single(reported.Rows));
        Assert.Equal((comment.Id, reporter, "Reclame"), (report.CommentId, report.ReporterId, report.Reason));
        Assert.Equal(1, comment.ReportCount);
        var first = Assert.IsType<CommentReported>(Assert.Single(reported.Events));
        Assert.Equal((comment.Id, initiative.AreaId, "Reclame"), (first.CommentId, first.AreaId, first.Reason));
        Assert.Equal("reason", Assert.Throws<RuleException>(() => comment.Report(initiative, reporter, "  ", s_now)).Field);
        Assert.Equal((1, 0), (comment.ReportCount, comment.TakeRecordedRows().Count));
        // Only the first report tells the directors.
        comment.Report(initiative, Guid.NewGuid(), "Nog eens", s_now);
        Assert.Equal((2, 0), (comment.ReportCount, comment.TakeRaisedEvents().Count));
    }

    [Fact]
    public void A_new_priority_ranks_first_unless_given_and_a_change_keeps_the_rank_it_does_not_name()
    {
        var details = new PriorityDetails(new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31), Theme.Sociaal, "Ontmoeting", "Meer plekken om elkaar te zien", null);
        var priority = WijkPriority.Create("hilversum", s_area, details, s_now);
        Assert.Equal(1, priority.Rank);

        priority.Change(details with { Rank = 3 });
        priority.Change(details with { Title = "Ontmoeting en cultuur" });

        Assert.Equal((3, "Ontmoeting en cultuur"), (priority.Rank, priority.Title));
        Assert.Equal("goal", Assert.Throws<RuleException>(() => priority.Change(details with { Title = "Anders", Goal = " " })).Field);
        Assert.Equal("Ontmoeting en cultuur", priority.Title);
    }

    [Theory]
    [InlineData(90.01, 0)]
    [InlineData(-90.01, 0)]
    [InlineData(0, 180.01)]
    [InlineData(double.NaN, 0)]
    public void A_point_off_the_globe_is_refused(double lat, double lon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
    }
}

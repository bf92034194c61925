using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Domain;
using DealAcceptedEvent = Buurt.Contracts.Initiatives.DealAccepted;
using DealProposedEvent = Buurt.Contracts.Initiatives.DealProposed;
using static Buurt.Initiatives.Domain.InitiativeStatus;
using Buurt.Testing;

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

    private static (Initiative Initiative, Changes Changes) Submit(decimal amount = 850.50m, TenantSettings? settings = null) =>
        Initiative.Submit("hilversum", Details(amount), s_resident, settings ?? Settings(), s_now);

    private static readonly DealTerms s_terms = new(800m,
    [
        new CommitmentTerms(CommitmentSide.Resident, "Bank schilderen", "Bewonersgroep", new DateOnly(2027, 3, 1), null),
        new CommitmentTerms(CommitmentSide.Resident, "Tuin onderhouden", "Sanne", null,
            new Recurrence(RecurrenceFrequency.Monthly, 1, new DateOnly(2028, 11, 30))),
        new CommitmentTerms(CommitmentSide.Municipal, "Bank plaatsen", "Gemeente", new DateOnly(2027, 2, 1), null),
    ]);

    [Fact]
    public void A_submitted_initiative_starts_submitted_with_its_first_timeline_entry_answer_date_and_event()
    {
        var (initiative, changes) = Submit();

        Assert.Equal(Submitted, initiative.Status);
        Assert.Equal("Bankje bij de speeltuin", initiative.Title);
        Assert.Equal("Een bank voor ouders.", initiative.Description);
        Assert.Equal(7, initiative.Id.Version);
        // Five working days after Monday the 23rd: Monday the 30th.
        Assert.Equal(new DateOnly(2026, 11, 30), initiative.AnswerDueBy);
        var entry = Assert.Single(changes.Timeline);
        Assert.Equal((TimelineKind.Submitted, LifeCycleActor.Initiator, s_resident), (entry.Kind, entry.ActorRole, entry.ActorId));
        var submitted = Assert.IsType<InitiativeSubmitted>(Assert.Single(changes.Events));
        Assert.Equal(("hilversum", initiative.Id, s_area, Theme.Fysiek, 850.50m, initiative.SubmittedAt),
            (submitted.TenantId, submitted.InitiativeId, submitted.AreaId, submitted.Theme, submitted.RequestedAmount, submitted.OccurredAt));
    }

    [Fact]
    public void Working_days_skip_weekends_and_the_municipality_s_holidays()
    {
        var friday = new DateOnly(2026, 12, 18);
        Assert.Equal(new DateOnly(2026, 12, 25), WorkingDays.Add(friday, 5, []));
        // Christmas and Boxing Day off: Friday the 18th + 5 working days is Tuesday the 29th... minus the 25th only (26th is a Saturday).
        Assert.Equal(new DateOnly(2026, 12, 28), WorkingDays.Add(friday, 5, [new DateOnly(2026, 12, 25)]));
        Assert.Equal(new DateOnly(2026, 11, 30), Submit(settings: Settings()).Initiative.AnswerDueBy);
        var withHoliday = Initiative.Submit("hilversum", Details(), s_resident, Settings(holidays: new DateOnly(2026, 11, 27)), s_now).Initiative;
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
        var (initiative, _) = Initiative.Submit("hilversum", Details(subTheme: "groen"), s_resident, Settings(), s_now);
        Assert.Equal("Groen", initiative.SubTheme);
    }

    [Fact]
    public void A_move_keeps_who_when_and_the_note_and_whether_the_answer_came_on_time()
    {
        var (initiative, _) = Submit();
        var later = s_now.AddDays(9); // Wednesday 2 December: after the promised Monday.

        var changes = initiative.Move(InternalCheck, LifeCycleActor.Director, s_director, "Wijkteam kijkt mee", null, null, null, false, Settings(), later);

        var entry = Assert.Single(changes.Timeline);
        Assert.Equal((Submitted, InternalCheck, s_director, "Wijkteam kijkt mee"), (entry.From!.Value, entry.To!.Value, entry.ActorId!.Value, entry.Note));
        Assert.Equal(new DateOnly(2026, 11, 30), entry.AnswerDueBy);
        Assert.False(entry.AnsweredOnTime);
        Assert.Equal(later, initiative.FirstAnsweredAt);
        // Ten working days from Wednesday 2 December.
        Assert.Equal(new DateOnly(2026, 12, 16), initiative.AnswerDueBy);
        var changed = Assert.IsType<InitiativeStatusChanged>(Assert.Single(changes.Events));
        Assert.Equal(("submitted", "internal-check"), (changed.From, changed.To));
    }

    [Fact]
    public void An_illegal_move_names_the_current_status_and_the_allowed_moves_and_changes_nothing()
    {
        var (initiative, _) = Submit();

        var error = Assert.Throws<RuleException>(() =>
            initiative.Move(InExecution, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now));

        Assert.Equal(RuleKind.Conflict, error.Kind);
        Assert.Equal("submitted", error.Details![Initiative.CurrentStatusDetail]);
        Assert.Equal(["internal-check", "declined"], Assert.IsType<string[]>(error.Details[Initiative.AllowedMovesDetail]));
        Assert.Equal(Submitted, initiative.Status);
    }

    [Fact]
    public void A_decline_needs_a_reason_which_the_residents_see_and_the_budget_hears()
    {
        var (initiative, _) = Submit();
        Assert.Equal("reason", Assert.Throws<RuleException>(() =>
            initiative.Move(Declined, LifeCycleActor.Director, s_director, null, "  ", null, null, false, Settings(), s_now)).Field);

        var changes = initiative.Move(Declined, LifeCycleActor.Director, s_director, null, "Past niet in het wijkplan", null, null, false, Settings(), s_now);

        Assert.Equal(Declined, initiative.Status);
        Assert.Equal("Past niet in het wijkplan", initiative.DeclineReason);
        Assert.Null(initiative.AnswerDueBy);
        Assert.Contains(changes.Events, e => e is InitiativeDeclined { Reason: "Past niet in het wijkplan" });
    }

    [Fact]
    public void Initiators_withdraw_before_the_deal_is_accepted_but_not_after()
    {
        var (initiative, _) = Submit();
        var changes = initiative.Move(Withdrawn, LifeCycleActor.Initiator, s_resident, null, null, null, null, false, Settings(), s_now);
        Assert.Contains(changes.Events, e => e is InitiativeWithdrawn);

        var (accepted, deal) = ToAcceptedDeal();
        var error = Assert.Throws<RuleException>(() =>
            accepted.Move(Withdrawn, LifeCycleActor.Initiator, s_resident, null, null, null, deal, false, Settings(), s_now));
        Assert.Equal("deal-accepted", error.Details![Initiative.CurrentStatusDetail]);
        Assert.Empty(Assert.IsType<string[]>(error.Details[Initiative.AllowedMovesDetail]));
    }

    [Fact]
    public void A_deal_is_proposed_with_its_own_resource_not_as_a_status_change()
    {
        var (initiative, _) = Submit();
        initiative.Move(InternalCheck, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);
        initiative.Move(ReciprocityTalk, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);

        var error = Assert.Throws<RuleException>(() =>
            initiative.Move(InitiativeStatus.DealProposed, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now));
        Assert.Contains("PUT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fast_track_goes_from_the_internal_check_to_a_deal_only_for_small_amounts()
    {
        var (small, _) = Submit(amount: 400m);
        small.Move(InternalCheck, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);
        var (deal, _) = small.ProposeDeal(null, s_terms with { Amount = 400m }, s_director, null, Settings(), s_now);
        Assert.Equal(InitiativeStatus.DealProposed, small.Status);
        Assert.Equal(1, deal.Version);

        var (large, _) = Submit(amount: 4_000m);
        large.Move(InternalCheck, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);
        var error = Assert.Throws<RuleException>(() => large.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now));
        Assert.Equal(["reciprocity-talk", "declined"], Assert.IsType<string[]>(error.Details![Initiative.AllowedMovesDetail]));
        Assert.Equal(InternalCheck, large.Status);
    }

    private static (Initiative, Changes) ToReciprocityTalk()
    {
        var (initiative, changes) = Submit();
        initiative.Move(InternalCheck, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);
        initiative.Move(ReciprocityTalk, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now);
        return (initiative, changes);
    }

    private static (Initiative, Deal) ToAcceptedDeal()
    {
        var (initiative, _) = ToReciprocityTalk();
        var (deal, _) = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now);
        initiative.FundsReserved(deal, "director", Settings(), s_now);
        return (initiative, deal);
    }

    [Fact]
    public void Proposing_asks_the_budget_and_the_deal_is_accepted_only_when_every_party_and_the_funds_are_in()
    {
        var (initiative, _) = ToReciprocityTalk();

        var (deal, proposed) = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);

        var asked = Assert.Single(proposed.Events.OfType<DealProposedEvent>());
        Assert.Equal((initiative.Id, 1, 800m), (asked.InitiativeId, asked.DealVersion, asked.Amount));
        Assert.Equal(FundingStatus.Pending, deal.FundingStatus);
        Assert.Empty(initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now).Events);
        Assert.Empty(initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now).Events);
        Assert.Equal(InitiativeStatus.DealProposed, initiative.Status);

        var funded = initiative.FundsReserved(deal, "director", Settings(), s_now);

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
        var (initiative, _) = ToReciprocityTalk();
        var (deal, _) = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.FundsReserved(deal, "alderman", Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Initiator, s_resident, Settings(), s_now);
        initiative.AcceptDeal(deal, LifeCycleActor.Director, s_director, Settings(), s_now);
        Assert.Equal(InitiativeStatus.DealProposed, initiative.Status);

        initiative.AcceptDeal(deal, LifeCycleActor.Alderman, Guid.NewGuid(), Settings(), s_now);

        Assert.Equal(InitiativeStatus.DealAccepted, initiative.Status);
    }

    [Fact]
    public void A_refused_reservation_shows_its_reason_blocks_acceptance_and_a_revision_makes_a_new_version()
    {
        var (initiative, _) = ToReciprocityTalk();
        var (first, _) = initiative.ProposeDeal(null, s_terms, s_director, null, Settings(), s_now);
        initiative.FundsRejected(first, "insufficient-funds", "Er is nog 500,00 euro over in Zuid.", s_now);
        Assert.Equal((FundingStatus.Rejected, "insufficient-funds"), (first.FundingStatus, first.FundingRejectionReason));
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.AcceptDeal(first, LifeCycleActor.Initiator, s_resident, Settings(), s_now)).Kind);

        var (second, revised) = initiative.ProposeDeal(first, s_terms with { Amount = 500m }, s_director, null, Settings(), s_now);

        Assert.Equal(DealState.Superseded, first.State);
        Assert.Equal((2, 500m, FundingStatus.Pending), (second.Version, second.Amount, second.FundingStatus));
        Assert.Equal(2, Assert.Single(revised.Events.OfType<DealProposedEvent>()).DealVersion);
        // A late answer for the old version changes nothing.
        Assert.Empty(initiative.FundsReserved(first, "director", Settings(), s_now).Events);
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
        var (initiative, _) = ToReciprocityTalk();
        Assert.Equal("amount", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Amount = 0m }, s_director, null, Settings(), s_now)).Field);
        Assert.Equal("amount", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Amount = 1.001m }, s_director, null, Settings(), s_now)).Field);
        Assert.Equal("residentCommitments", Assert.Throws<RuleException>(() =>
            initiative.ProposeDeal(null, s_terms with { Commitments = [.. s_terms.Commitments.Where(c => c.Side == CommitmentSide.Municipal)] },
                s_director, null, Settings(), s_now)).Field);
        Assert.Equal(ReciprocityTalk, initiative.Status);
    }

    [Fact]
    public void A_recurring_commitment_moves_to_its_next_occurrence_until_its_end_and_overdue_is_told_once_per_due_date()
    {
        var (initiative, deal) = ToAcceptedDeal();
        var garden = deal.Commitments[1];

        initiative.MarkCommitmentDone(deal, garden.Id, LifeCycleActor.Initiator, s_resident, "Gemaaid", s_now);

        Assert.Equal((CommitmentStatus.Open, 1, new DateOnly(2027, 1, 23)), (garden.Status, garden.TimesDone, garden.NextDue!.Value));
        Assert.True(garden.TakeOverdue(new DateOnly(2027, 1, 24)));
        Assert.False(garden.TakeOverdue(new DateOnly(2027, 1, 25)));
        var once = deal.Commitments[0];
        initiative.MarkCommitmentDone(deal, once.Id, LifeCycleActor.Initiator, s_resident, null, s_now);
        Assert.Equal(CommitmentStatus.Done, once.Status);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.MarkCommitmentDone(deal, once.Id, LifeCycleActor.Initiator, s_resident, null, s_now)).Kind);
    }

    [Fact]
    public void Completion_records_the_final_cost_at_most_the_deal_s_amount_and_evaluation_needs_the_story()
    {
        var (initiative, deal) = ToAcceptedDeal();
        initiative.Move(InExecution, LifeCycleActor.Director, s_director, null, null, null, deal, false, Settings(), s_now);
        Assert.Equal("finalCost", Assert.Throws<RuleException>(() =>
            initiative.Move(Completed, LifeCycleActor.Director, s_director, null, null, null, deal, false, Settings(), s_now)).Field);
        Assert.Equal("finalCost", Assert.Throws<RuleException>(() =>
            initiative.Move(Completed, LifeCycleActor.Director, s_director, null, null, 800.01m, deal, false, Settings(), s_now)).Field);

        var completed = initiative.Move(Completed, LifeCycleActor.Director, s_director, null, null, 742.10m, deal, false, Settings(), s_now);

        Assert.Equal(742.10m, Assert.Single(completed.Events.OfType<InitiativeCompleted>()).FinalCost);
        Assert.Equal(RuleKind.Conflict, Assert.Throws<RuleException>(() =>
            initiative.Move(Evaluated, LifeCycleActor.Director, s_director, null, null, null, deal, false, Settings(), s_now)).Kind);
        var evaluation = Evaluation.Write(null, initiative, deal, "Het bankje staat er.",
            [.. deal.Commitments.Select(c => new CommitmentReview(c.Id, CommitmentOutcome.Kept, null))], s_resident, s_now);
        Assert.True(evaluation.IsCompleteFor(deal));
        initiative.Move(Evaluated, LifeCycleActor.Director, s_director, null, null, null, deal, evaluation.IsCompleteFor(deal), Settings(), s_now);
        Assert.Equal(Evaluated, initiative.Status);
    }

    [Fact]
    public void An_overdue_answer_is_told_once_per_stage()
    {
        var (initiative, _) = Submit();
        Assert.Null(initiative.TakeAnswerOverdue(s_now.AddDays(7))); // Monday the 30th: still in time.

        var overdue = initiative.TakeAnswerOverdue(s_now.AddDays(8));

        Assert.Equal(("submitted", new DateOnly(2026, 11, 30)), (overdue!.Status, overdue.DueBy));
        Assert.Null(initiative.TakeAnswerOverdue(s_now.AddDays(9)));
        initiative.Move(InternalCheck, LifeCycleActor.Director, s_director, null, null, null, null, false, Settings(), s_now.AddDays(9));
        Assert.Null(initiative.TakeAnswerOverdue(s_now.AddDays(10)));
        Assert.NotNull(initiative.TakeAnswerOverdue(s_now.AddDays(40)));
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

using Buurt.Budget.Domain;
using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Budget.Tests;

/// <summary>Bookings without a database: what each changes in a balance and a year, the ledger entries they record and the events they raise.</summary>
public sealed class BookingTests
{
    private const string Tenant = "hilversum";
    private static readonly DateTimeOffset s_at = new(2040, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Entry s_about = new("controller", "Test", "api:test");

    private static (LedgerKind Kind, decimal Amount, decimal Allocated, decimal Amended, decimal Reserved, decimal Committed, decimal Paid) Line(LedgerEntry e) =>
        (e.Kind, e.Amount, e.AllocatedChange, e.AmendedChange, e.ReservedChange, e.CommittedChange, e.PaidChange);

    private static List<LedgerEntry> Ledger(Aggregate aggregate) => aggregate.TakeRecordedRows().Cast<LedgerEntry>().ToList();

    private static WijkBalance Wijk(decimal allocated, int year = 2040)
    {
        var wijk = WijkBalance.Empty(Tenant, year, Guid.NewGuid());
        wijk.Book(LedgerKind.Allocation, allocated, Buckets.Allocate(allocated), s_about, s_at);
        wijk.TakeRecordedRows();
        return wijk;
    }

    private static void Refused(Action booking)
    {
        var refused = Assert.Throws<RuleException>(booking);
        Assert.Equal(RuleKind.Conflict, refused.Kind);
    }

    [Fact]
    public void A_balance_never_shows_money_that_is_not_there_and_records_each_booking_it_accepts()
    {
        var balance = WijkBalance.Empty(Tenant, 2040, Guid.NewGuid());
        balance.Book(LedgerKind.Allocation, 1_000m, Buckets.Allocate(1_000m), s_about, s_at);
        balance.Book(LedgerKind.Reservation, 600m, Buckets.Reserve(600m), s_about, s_at);
        balance.Book(LedgerKind.Commitment, 600m, Buckets.Commit(600m), s_about, s_at);
        balance.Book(LedgerKind.Payment, 250m, Buckets.Pay(250m), s_about, s_at);

        Refused(() => balance.Book(LedgerKind.Reservation, 400.01m, Buckets.Reserve(400.01m), s_about, s_at));
        Refused(() => balance.Book(LedgerKind.Payment, 350.01m, Buckets.Pay(350.01m), s_about, s_at));
        Refused(() => balance.Book(LedgerKind.Release, 350.01m, Buckets.ReleaseCommitted(350.01m), s_about, s_at));
        Refused(() => balance.Book(LedgerKind.Allocation, -400.01m, Buckets.Allocate(-400.01m), s_about, s_at));
        Refused(() => balance.Book(LedgerKind.Correction, -1m, Buckets.Of(Bucket.Reserved, -1m), s_about, s_at));
        Assert.Equal((1_000m, 0m, 600m, 250m, 400m), (balance.Allocated, balance.Reserved, balance.Committed, balance.Paid, balance.Available));

        var ledger = Ledger(balance);
        Assert.Equal(
            [
                (LedgerKind.Allocation, 1_000m, 1_000m, 0m, 0m, 0m, 0m),
                (LedgerKind.Reservation, 600m, 0m, 0m, 600m, 0m, 0m),
                (LedgerKind.Commitment, 600m, 0m, 0m, -600m, 600m, 0m),
                (LedgerKind.Payment, 250m, 0m, 0m, 0m, 0m, 250m),
            ],
            ledger.Select(Line));
        Assert.All(ledger, e => Assert.Equal((Tenant, 2040, (Guid?)balance.AreaId, "controller", "api:test", s_at), (e.TenantId, e.Year, e.AreaId, e.Actor, e.Source, e.RecordedAt)));
        Assert.Empty(balance.TakeRecordedRows());
    }

    [Fact]
    public void A_year_books_its_total_and_allocations_and_refuses_what_is_not_left_and_every_write_once_closed()
    {
        var year = BudgetYear.Open(Tenant, 2040);
        var wijk = WijkBalance.Empty(Tenant, 2040, Guid.NewGuid());
        year.SetTotal(450_000m, s_about, s_at);
        year.SetTotal(450_000m, s_about, s_at);
        year.Amend(new Amendment(Tenant, 2040, "A40-1", 50_000m, Theme.Veilig, null, "", "controller", s_at), null, s_about, s_at);
        year.AllocateTo(wijk, 500_000m, s_about, s_at);

        Refused(() => year.AllocateTo(wijk, 500_000.01m, s_about, s_at));
        Refused(() => year.SetTotal(449_999.99m, s_about, s_at));
        Assert.Throws<ArgumentException>(() => year.SetTotal(1.001m, s_about, s_at));
        year.AllocateTo(wijk, 499_000m, s_about, s_at);
        Assert.Equal((450_000m, 50_000m, 499_000m, 1_000m), (year.Total, year.PoolAmended, year.AllocatedToWijken, year.Unallocated));
        Assert.Equal(499_000m, wijk.Allocated);
        // The year's own lines have no wijk; an unchanged total books nothing.
        Assert.Equal([(LedgerKind.Allocation, 450_000m, 450_000m, 0m, 0m, 0m, 0m), (LedgerKind.Amendment, 50_000m, 0m, 50_000m, 0m, 0m, 0m)],
            Ledger(year).Select(Line));
        Assert.Equal([(LedgerKind.Allocation, 500_000m, 500_000m, 0m, 0m, 0m, 0m), (LedgerKind.Allocation, -1_000m, -1_000m, 0m, 0m, 0m, 0m)],
            Ledger(wijk).Select(Line));

        year.Close([wijk], "controller", s_at);
        Assert.True(wijk.Closed);
        Refused(() => year.SetTotal(460_000m, s_about, s_at));
        Refused(() => year.AllocateTo(wijk, 1m, s_about, s_at));
        Refused(() => year.Amend(new Amendment(Tenant, 2040, "A40-2", 1m, null, null, "", "controller", s_at), null, s_about, s_at));
        Refused(() => year.Close([], "controller", s_at));
        Refused(wijk.RequireOpen);
        year.Correct(wijk, Bucket.Allocated, -1m, s_about, s_at);
        Assert.Equal((498_999m, 498_999m), (year.AllocatedToWijken, wijk.Allocated));
        Assert.Equal([(LedgerKind.Correction, -1m, -1m, 0m, 0m, 0m, 0m)], Ledger(wijk).Select(Line));
    }

    [Fact]
    public void An_amendment_for_a_wijk_is_the_wijks_and_one_for_no_wijk_goes_to_the_pool()
    {
        var year = BudgetYear.Open(Tenant, 2040);
        var wijk = WijkBalance.Empty(Tenant, 2040, Guid.NewGuid());

        year.Amend(new Amendment(Tenant, 2040, "A40-7", 500m, Theme.Sociaal, wijk.AreaId, "", "controller", s_at), wijk, s_about, s_at);

        Assert.Equal((0m, 500m, 500m), (year.PoolAmended, wijk.Amended, wijk.Available));
        Assert.Empty(Ledger(year));
        var entry = Assert.Single(Ledger(wijk));
        Assert.Equal((LedgerKind.Amendment, 500m, 0m, 500m, 0m, 0m, 0m), Line(entry));
        Assert.Equal(("A40-7", Theme.Sociaal), (entry.Reference, entry.Theme));
    }

    [Fact]
    public void Carrying_over_allocates_each_wijks_available_money_to_it_in_the_next_year()
    {
        var closed = BudgetYear.Open(Tenant, 2040);
        closed.SetTotal(10_000m, s_about, s_at);
        var (zuid, centrum, empty) = (WijkBalance.Empty(Tenant, 2040, Guid.NewGuid()), WijkBalance.Empty(Tenant, 2040, Guid.NewGuid()), WijkBalance.Empty(Tenant, 2040, Guid.NewGuid()));
        closed.AllocateTo(zuid, 4_000m, s_about, s_at);
        closed.AllocateTo(centrum, 1_000m, s_about, s_at);
        zuid.Book(LedgerKind.Reservation, 1_000m, Buckets.Reserve(1_000m), s_about, s_at);
        closed.Close([zuid, centrum, empty], "controller", s_at);

        var carried = BudgetYear.CarriedOverFrom([zuid, centrum, empty]);
        var next = BudgetYear.Open(Tenant, 2041);
        var into = carried.Select(from => (from.Available, WijkBalance.Empty(Tenant, 2041, from.AreaId))).ToList();
        next.CarryIn(into, s_about, s_at);

        Assert.Equal(new[] { zuid, centrum }.OrderBy(w => w.AreaId).Select(w => w.AreaId), carried.Select(w => w.AreaId));
        Assert.Equal((0m, 4_000m, 4_000m, 0m), (next.Total, next.CarriedOver, next.AllocatedToWijken, next.Unallocated));
        Assert.Equal(3_000m, into.Single(i => i.Item2.AreaId == zuid.AreaId).Item2.Allocated);
        Assert.Equal([(LedgerKind.Allocation, 4_000m, 4_000m, 0m, 0m, 0m, 0m)], Ledger(next).Select(Line));
        Assert.All(into, i => Assert.Equal((LedgerKind.Allocation, i.Available), (Ledger(i.Item2).Single().Kind, i.Item2.Allocated)));
    }

    [Fact]
    public void A_reserved_deal_books_in_its_wijk_and_answers_and_a_rejected_one_only_answers()
    {
        var wijk = Wijk(1_000m);
        var reservation = Reservation.New(Tenant, Guid.NewGuid());
        var deal = new DealTerms(reservation.InitiativeId, wijk.AreaId, 2040, Theme.Fysiek, 1, 400m);

        reservation.Reserve(deal, "director", wijk, s_about, s_at);

        Assert.Equal((ReservationStatus.Reserved, 400m, 400m, 600m), (reservation.Status, reservation.Open, wijk.Reserved, wijk.Available));
        Assert.Equal((LedgerKind.Reservation, 400m, 0m, 0m, 400m, 0m, 0m), Line(Ledger(wijk).Single()));
        var reserved = Assert.IsType<FundsReserved>(Assert.Single(reservation.TakeRaisedEvents()));
        Assert.Equal((Tenant, deal.InitiativeId, wijk.AreaId, 1, 400m, 2040, "director"),
            (reserved.TenantId, reserved.InitiativeId, reserved.AreaId, reserved.DealVersion, reserved.Amount, reserved.Year, reserved.Approver));

        // Version 2 replaces it: what version 1 held comes back first, then the verdict.
        var released = reservation.Release(wijk, s_about, s_at);
        var second = deal with { Version = 2, Amount = 2_000m };
        reservation.Reject(second, FundingVerdict.Rejected(FundsRejectionReasons.InsufficientFunds, "Too much"), s_at);

        Assert.Equal(400m, released);
        Assert.Equal((ReservationStatus.Released, 2, 0m, 0m, 1_000m), (reservation.Status, reservation.DealVersion, reservation.Open, wijk.Reserved, wijk.Available));
        Assert.Equal((LedgerKind.Release, 400m, 0m, 0m, -400m, 0m, 0m), Line(Ledger(wijk).Single()));
        var rejected = Assert.IsType<FundsReservationRejected>(Assert.Single(reservation.TakeRaisedEvents()));
        Assert.Equal((2, 2_000m, FundsRejectionReasons.InsufficientFunds, "Too much"), (rejected.DealVersion, rejected.Amount, rejected.Reason, rejected.Detail));
        Assert.Throws<ArgumentException>(() => reservation.Reject(second, FundingVerdict.Funded("director"), s_at));
    }

    [Fact]
    public void A_committed_deal_is_paid_within_what_is_committed_and_never_in_a_closed_year()
    {
        var (reservation, wijk) = Committed(4_000m);

        var payment = Payment.Record(reservation, wijk, 1_500m, "F-1", s_about, s_at);

        Assert.Equal((4_000m, 1_500m, 2_500m), (wijk.Committed, wijk.Paid, reservation.Payable));
        Assert.Equal((LedgerKind.Payment, 1_500m, 0m, 0m, 0m, 0m, 1_500m), Line(Ledger(wijk).Single()));
        var recorded = Assert.IsType<PaymentRecorded>(Assert.Single(payment.TakeRaisedEvents()));
        Assert.Equal((payment.Id, reservation.InitiativeId, wijk.AreaId, 2040, 1_500m), (recorded.PaymentId, recorded.InitiativeId, recorded.AreaId, recorded.Year, recorded.Amount));
        Refused(() => Payment.Record(reservation, wijk, 2_500.01m, null, s_about, s_at));
        wijk.Close();
        Refused(() => Payment.Record(reservation, wijk, 1m, null, s_about, s_at));
        Assert.Equal(1_500m, reservation.Paid);
        Assert.Empty(Ledger(wijk));
    }

    [Fact]
    public void A_completion_keeps_the_final_cost_never_less_than_paid_nor_more_than_committed()
    {
        decimal Complete(decimal committed, decimal paid, decimal finalCost)
        {
            var (reservation, wijk) = Committed(committed);
            Payment.Record(reservation, wijk, paid, null, s_about, s_at);
            wijk.TakeRecordedRows();
            var released = reservation.Complete(finalCost, wijk, s_about, s_at);
            Assert.Equal((ReservationStatus.Completed, committed - released, committed - released), (reservation.Status, reservation.Amount, wijk.Committed));
            var expected = released == 0 ? Array.Empty<(LedgerKind, decimal, decimal, decimal, decimal, decimal, decimal)>() : [(LedgerKind.Release, released, 0m, 0m, 0m, -released, 0m)];
            Assert.Equal(expected, Ledger(wijk).Select(Line));
            return released;
        }

        Assert.Equal(1_000m, Complete(4_000m, 500m, 3_000m));
        Assert.Equal(3_500m, Complete(4_000m, 500m, 100m));
        Assert.Equal(0m, Complete(4_000m, 500m, 9_000m));
        var (full, wijk) = Committed(4_000m);
        Payment.Record(full, wijk, 4_000m, null, s_about, s_at);
        Refused(() => Payment.Record(full, wijk, 0.01m, null, s_about, s_at));
    }

    [Fact]
    public void Releasing_a_commitment_gives_back_what_is_not_paid()
    {
        var (reservation, wijk) = Committed(4_000m);
        Payment.Record(reservation, wijk, 1_000m, null, s_about, s_at);
        wijk.TakeRecordedRows();

        Assert.Equal(3_000m, reservation.Release(wijk, s_about, s_at));

        Assert.Equal((ReservationStatus.Released, 1_000m, 0m, 1_000m, 1_000m), (reservation.Status, reservation.Amount, reservation.Open, wijk.Committed, wijk.Paid));
        Assert.Equal((LedgerKind.Release, 3_000m, 0m, 0m, 0m, -3_000m, 0m), Line(Ledger(wijk).Single()));
    }

    /// <summary>A deal reserved and accepted in a wijk with just enough money.</summary>
    private static (Reservation Reservation, WijkBalance Wijk) Committed(decimal amount)
    {
        var wijk = Wijk(amount);
        var reservation = Reservation.New(Tenant, Guid.NewGuid());
        reservation.Reserve(new DealTerms(reservation.InitiativeId, wijk.AreaId, 2040, Theme.Fysiek, 1, amount), "director", wijk, s_about, s_at);
        reservation.Commit(wijk, s_about, s_at);
        Assert.Equal((ReservationStatus.Committed, amount, 0m, 0m), (reservation.Status, wijk.Committed, wijk.Reserved, wijk.Available));
        Assert.Equal([LedgerKind.Reservation, LedgerKind.Commitment], Ledger(wijk).Select(e => e.Kind));
        reservation.TakeRaisedEvents();
        return (reservation, wijk);
    }
}

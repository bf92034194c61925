using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Budget.Data;
using Buurt.Budget.UseCases;
using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurt.Budget.Tests.BudgetService;

namespace Buurt.Budget.Tests;

/// <summary>The deal's money over the bus: reserve or reject, commit, pay, release, complete; the balances always equal the ledger.</summary>
[Collection(BudgetCollection.Name)]
public sealed class MoneyFlowTests(BudgetService service)
{
    private async Task AssertBooksAsync(int year, decimal allocated, decimal reserved, decimal committed, decimal paid, decimal amended = 0m, Guid? wijk = null)
    {
        var summary = await service.SummaryAsync(year, wijk);
        Assert.Equal(allocated, summary.GetProperty("allocated").GetDecimal());
        Assert.Equal(amended, summary.GetProperty("amended").GetDecimal());
        Assert.Equal(reserved, summary.GetProperty("reserved").GetDecimal());
        Assert.Equal(committed, summary.GetProperty("committed").GetDecimal());
        Assert.Equal(paid, summary.GetProperty("paid").GetDecimal());
        Assert.Equal(allocated + amended - reserved - committed, summary.GetProperty("available").GetDecimal());
        var (balance, ledger) = await service.BalanceAndLedgerAsync(year, wijk);
        Assert.Equal(balance, ledger);
    }

    private Task<JsonElement> WaitForSummaryAsync(int year, Func<JsonElement, bool> until, string what) =>
        Eventually.ValueAsync(() => service.SummaryAsync(year), until, what: what);

    private Task<List<Domain.LedgerEntry>> LedgerOfAsync(Guid initiative) => service.InScopeAsync("hilversum", s =>
        s.GetRequiredService<BudgetDbContext>().Ledger.AsNoTracking().Where(e => e.InitiativeId == initiative).OrderBy(e => e.Sequence).ToListAsync());

    [Fact]
    public async Task A_deal_is_reserved_committed_paid_and_completed_and_the_balance_equals_the_ledger_at_every_step()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 100_000m, 20_000m);
        await AssertBooksAsync(year, 20_000m, 0, 0, 0);
        var initiative = Guid.CreateVersion7();

        await service.PublishAsync(Proposed(initiative, 4_000m, year));
        var reserved = Assert.Single(await service.WaitForAnswersAsync(initiative));
        Assert.Equal(nameof(FundsReserved), reserved.Type);
        Assert.Equal("director", reserved.Payload.GetProperty("approver").GetString());
        Assert.Equal(year, reserved.Payload.GetProperty("year").GetInt32());
        Assert.Equal(1, reserved.Payload.GetProperty("dealVersion").GetInt32());
        Assert.Equal(4_000m, reserved.Payload.GetProperty("amount").GetDecimal());
        await AssertBooksAsync(year, 20_000m, 4_000m, 0, 0);

        await service.PublishAsync(new DealAccepted("hilversum", Guid.CreateVersion7(), In(year), initiative, Zuid, 1, 4_000m));
        await WaitForSummaryAsync(year, s => s.GetProperty("committed").GetDecimal() == 4_000m, "the commitment");
        await AssertBooksAsync(year, 20_000m, 0, 4_000m, 0);

        var controller = await service.AsAsync(Controller);
        var payment = await controller.PostAsJsonAsync("/api/budget/v1/payments", new { initiativeId = initiative, amount = 1_500m, reference = "F-001" });
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        var answers = await service.WaitForAnswersAsync(initiative, 2);
        Assert.Equal(nameof(PaymentRecorded), answers[1].Type);
        Assert.Equal(1_500m, answers[1].Payload.GetProperty("amount").GetDecimal());
        await AssertBooksAsync(year, 20_000m, 0, 4_000m, 1_500m);

        await service.PublishAsync(new InitiativeCompleted("hilversum", Guid.CreateVersion7(), In(year), initiative, Zuid, 3_000m));
        await WaitForSummaryAsync(year, s => s.GetProperty("committed").GetDecimal() == 3_000m, "the rest of the commitment to be released");
        await AssertBooksAsync(year, 20_000m, 0, 3_000m, 1_500m);

        var kinds = (await LedgerOfAsync(initiative)).Select(e => e.Kind.ToString()).ToList();
        Assert.Equal(["Reservation", "Commitment", "Payment", "Release"], kinds);
        var reservation = await controller.GetFromJsonAsync<JsonElement>($"/api/budget/v1/reservations/{initiative}");
        Assert.Equal("completed", reservation.GetProperty("status").GetString());
        Assert.Equal(1_500m, reservation.GetProperty("paid").GetDecimal());
    }

    [Fact]
    public async Task An_amount_between_the_mandates_needs_the_alderman_and_one_above_them_an_executive_decision()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 100_000m, 60_000m);
        var (small, middle, large) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        await service.PublishAsync(Proposed(small, 5_000m, year));
        await service.PublishAsync(Proposed(middle, 5_000.01m, year));
        await service.PublishAsync(Proposed(large, 25_000.01m, year));

        Assert.Equal("director", (await service.WaitForAnswersAsync(small)).Single().Payload.GetProperty("approver").GetString());
        Assert.Equal("alderman", (await service.WaitForAnswersAsync(middle)).Single().Payload.GetProperty("approver").GetString());
        var rejected = (await service.WaitForAnswersAsync(large)).Single();
        Assert.Equal(nameof(FundsReservationRejected), rejected.Type);
        Assert.Equal(FundsRejectionReasons.AboveMandate, rejected.Payload.GetProperty("reason").GetString());
        Assert.Empty(await LedgerOfAsync(large));

        var controller = await service.AsAsync(Controller);
        var decision = await controller.PostAsJsonAsync("/api/budget/v1/executive-decisions", new { initiativeId = large, reference = "B&W 2040-17", maxAmount = 30_000m });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        await service.PublishAsync(Proposed(large, 25_000.01m, year, version: 2));

        var answers = await service.WaitForAnswersAsync(large, 2);
        Assert.Equal(nameof(FundsReserved), answers[1].Type);
        Assert.Equal("alderman", answers[1].Payload.GetProperty("approver").GetString());
        await AssertBooksAsync(year, 60_000m, 35_000.02m, 0, 0);
    }

    [Fact]
    public async Task Not_enough_money_no_budget_an_unknown_wijk_or_a_closed_year_reject_the_deal_and_book_nothing()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 10_000m, 3_000m);
        var closed = FreshYear();
        await service.OpenYearAsync(closed, 10_000m, 3_000m);
        var controller = await service.AsAsync(Controller);
        Assert.Equal(HttpStatusCode.OK, (await controller.PostAsync($"/api/budget/v1/budgets/{closed}/close", null)).StatusCode);

        var cases = new (Guid Initiative, DealProposed Deal, string Reason)[5];
        Guid Next() => Guid.CreateVersion7();
        var i = Next();
        cases[0] = (i, Proposed(i, 3_000.01m, year), FundsRejectionReasons.InsufficientFunds);
        i = Next();
        cases[1] = (i, Proposed(i, 100m, year, area: Guid.NewGuid()), FundsRejectionReasons.NoBudget);
        i = Next();
        cases[2] = (i, Proposed(i, 100m, year, area: Centrum), FundsRejectionReasons.NoBudget);
        i = Next();
        cases[3] = (i, Proposed(i, 100m, FreshYear()), FundsRejectionReasons.NoBudget);
        i = Next();
        cases[4] = (i, Proposed(i, 100m, closed), FundsRejectionReasons.NoBudget);
        var before = await service.LedgerCountAsync();
        foreach (var c in cases)
        {
            await service.PublishAsync(c.Deal);
        }

        foreach (var c in cases)
        {
            var answer = (await service.WaitForAnswersAsync(c.Initiative)).Single();
            Assert.Equal(nameof(FundsReservationRejected), answer.Type);
            Assert.Equal(c.Reason, answer.Payload.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrWhiteSpace(answer.Payload.GetProperty("detail").GetString()));
            Assert.Equal(c.Deal.DealVersion, answer.Payload.GetProperty("dealVersion").GetInt32());
        }
        Assert.Equal(before, await service.LedgerCountAsync());
        await AssertBooksAsync(year, 3_000m, 0, 0, 0);

        // A rejected deal holds nothing: paying it is a refusal, not a fault, and books nothing.
        foreach (var c in cases)
        {
            await controller.PostAsJsonAsync("/api/budget/v1/payments", new { initiativeId = c.Initiative, amount = 10m })
                .ProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.Equal(before, await service.LedgerCountAsync());
    }

    [Fact]
    public async Task Money_a_council_amendment_earmarked_for_a_theme_funds_only_that_theme_until_it_is_used()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, 1_000m);
        var controller = await service.AsAsync(Controller);
        var amended = await controller.PostAsJsonAsync($"/api/budget/v1/budgets/{year}/amendments",
            new { reference = "A40-7", amount = 500m, theme = "sociaal", areaId = Zuid, description = "Sociale cohesie" });
        Assert.Equal(HttpStatusCode.Created, amended.StatusCode);
        await AssertBooksAsync(year, 1_000m, 0, 0, 0, amended: 500m);
        var (fysiek, sociaal, secondFysiek) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        // 1,500 available, but 500 of it is earmarked for sociaal: a fysiek deal gets at most 1,000.
        await service.PublishAsync(Proposed(fysiek, 1_000.01m, year, theme: Theme.Fysiek));
        var rejected = Assert.Single(await service.WaitForAnswersAsync(fysiek));
        Assert.Equal(nameof(FundsReservationRejected), rejected.Type);
        Assert.Equal(FundsRejectionReasons.InsufficientFunds, rejected.Payload.GetProperty("reason").GetString());
        Assert.Contains("earmarked", rejected.Payload.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await service.PublishAsync(Proposed(fysiek, 1_000m, year, version: 2, theme: Theme.Fysiek));
        Assert.Equal(nameof(FundsReserved), (await service.WaitForAnswersAsync(fysiek, 2))[1].Type);

        // The earmark itself funds sociaal.
        await service.PublishAsync(Proposed(sociaal, 500m, year, theme: Theme.Sociaal));
        Assert.Equal(nameof(FundsReserved), Assert.Single(await service.WaitForAnswersAsync(sociaal)).Type);
        await AssertBooksAsync(year, 1_000m, 1_500m, 0, 0, amended: 500m);

        // Sociaal's deal withdrawn: its 500 is earmarked again, so fysiek still cannot have it.
        await service.PublishAsync(new InitiativeWithdrawn("hilversum", Guid.CreateVersion7(), In(year), sociaal, Zuid));
        await WaitForSummaryAsync(year, s => s.GetProperty("reserved").GetDecimal() == 1_000m, "the release");
        await service.PublishAsync(Proposed(secondFysiek, 1m, year, theme: Theme.Fysiek));
        Assert.Equal(nameof(FundsReservationRejected), Assert.Single(await service.WaitForAnswersAsync(secondFysiek)).Type);
        await AssertBooksAsync(year, 1_000m, 1_000m, 0, 0, amended: 500m);
    }

    [Fact]
    public async Task A_later_deal_version_replaces_the_earlier_reservation_and_an_older_one_is_ignored()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, 10_000m);
        var initiative = Guid.CreateVersion7();

        await service.PublishAsync(Proposed(initiative, 1_000m, year));
        await service.WaitForAnswersAsync(initiative);
        await service.PublishAsync(Proposed(initiative, 2_500m, year, version: 2));
        await service.WaitForAnswersAsync(initiative, 2);
        await AssertBooksAsync(year, 10_000m, 2_500m, 0, 0);

        // Version 1 again (another event): too old. Version 4 after it gets the only new answer.
        await service.PublishAsync(Proposed(initiative, 1_000m, year));
        await service.PublishAsync(Proposed(initiative, 9_000m, year, version: 4));
        var answers = await service.WaitForAnswersAsync(initiative, 3);
        await Task.Delay(500);
        answers = await service.AnswersAsync(initiative);
        Assert.Equal([1, 2, 4], answers.Select(a => a.Payload.GetProperty("dealVersion").GetInt32()));
        // 9,000 needs the alderman; what version 2 held was released first.
        Assert.Equal("alderman", answers[2].Payload.GetProperty("approver").GetString());
        await AssertBooksAsync(year, 10_000m, 9_000m, 0, 0);

        // A rejected later version still replaces: nothing stays reserved for the initiative.
        await service.PublishAsync(Proposed(initiative, 10_000.01m, year, version: 5));
        answers = await service.WaitForAnswersAsync(initiative, 4);
        Assert.Equal(FundsRejectionReasons.InsufficientFunds, answers[3].Payload.GetProperty("reason").GetString());
        await AssertBooksAsync(year, 10_000m, 0, 0, 0);
        Assert.Equal(["Reservation", "Release", "Reservation", "Release", "Reservation", "Release"],
            (await LedgerOfAsync(initiative)).Select(e => e.Kind.ToString()));
    }

    [Fact]
    public async Task Deals_applied_in_one_group_are_decided_in_order_and_the_ledger_and_answers_keep_that_order()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, 5_000m);
        var (initiative, other, late) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        // One group as the consumer would apply it: three versions of one deal, and others competing for the same money.
        await service.InScopeAsync("hilversum", async services =>
        {
            var funding = services.GetRequiredService<DealFunding>();
            await using var write = await services.GetRequiredService<BudgetDbContext>().BeginWriteAsync(CancellationToken.None);
            await funding.ProposeAsync(
            [
                Proposed(initiative, 1_000m, year),
                Proposed(other, 2_500m, year),
                Proposed(initiative, 2_000m, year, version: 2),
                Proposed(initiative, 500m, year, version: 1), // an older version in the same group: ignored
                Proposed(late, 2_000m, year), // only 500 is left by now
                Proposed(initiative, 2_500m, year, version: 3),
            ], CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
            return 0;
        });

        var answers = await service.AnswersAsync(initiative);
        Assert.Equal([1, 2, 3], answers.Select(a => a.Payload.GetProperty("dealVersion").GetInt32()));
        Assert.All(answers, a => Assert.Equal(nameof(FundsReserved), a.Type));
        var rejected = Assert.Single(await service.AnswersAsync(late));
        Assert.Equal(FundsRejectionReasons.InsufficientFunds, rejected.Payload.GetProperty("reason").GetString());
        Assert.Equal(
            [("Reservation", 1_000m), ("Release", 1_000m), ("Reservation", 2_000m), ("Release", 2_000m), ("Reservation", 2_500m)],
            (await LedgerOfAsync(initiative)).Select(e => (e.Kind.ToString(), e.Amount)));
        await AssertBooksAsync(year, 5_000m, 5_000m, 0, 0);
    }

    [Fact]
    public async Task A_group_of_deals_on_one_wijk_costs_the_same_round_trips_whatever_its_size()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, 10_000m);

        // The statements PostgreSQL receives while the group is applied (as the inbox would, minus its own insert).
        async Task<List<string>> StatementsAsync(int deals)
        {
            var statements = new List<string>();
            using var group = new System.Diagnostics.Activity("group").Start();
            using var listener = new System.Diagnostics.ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
                ActivityStopped = a =>
                {
                    if (a.TraceId == group.TraceId)
                    {
                        lock (statements)
                        {
                            statements.Add(a.DisplayName);
                        }
                    }
                },
            };
            System.Diagnostics.ActivitySource.AddActivityListener(listener);
            await service.InScopeAsync("hilversum", async services =>
            {
                await using var write = await services.GetRequiredService<BudgetDbContext>().BeginWriteAsync(CancellationToken.None);
                await services.GetRequiredService<DealFunding>().ProposeAsync(
                    Enumerable.Range(0, deals).Select(_ => Proposed(Guid.CreateVersion7(), 10m, year)).ToList(), CancellationToken.None);
                await write.CommitAsync(CancellationToken.None);
                return 0;
            });
            return statements;
        }

        var one = await StatementsAsync(1);
        var many = await StatementsAsync(25);

        // The reservations' lock, the batch of reads, the wijk's lock, the write; the commit goes with none of them.
        Assert.True(one.Count == 4, string.Join(" | ", one));
        Assert.Equal(one, many);
    }

    [Fact]
    public async Task Withdrawn_and_declined_initiatives_release_their_money_once_even_when_redelivered()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, 10_000m);
        var (withdrawn, declined) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var proposal = Proposed(withdrawn, 1_200m, year);
        await service.PublishAsync(proposal);
        await service.PublishAsync(proposal);
        await service.PublishAsync(Proposed(declined, 800m, year));
        await service.WaitForAnswersAsync(withdrawn);
        await service.WaitForAnswersAsync(declined);
        await AssertBooksAsync(year, 10_000m, 2_000m, 0, 0);

        var withdrawal = new InitiativeWithdrawn("hilversum", Guid.CreateVersion7(), In(year), withdrawn, Zuid);
        await service.PublishAsync(withdrawal);
        await service.PublishAsync(withdrawal);
        await service.PublishAsync(new InitiativeDeclined("hilversum", Guid.CreateVersion7(), In(year), declined, Zuid, "Past niet in het wijkplan."));

        await WaitForSummaryAsync(year, s => s.GetProperty("reserved").GetDecimal() == 0m, "both reservations to be released");
        await Task.Delay(500);
        await AssertBooksAsync(year, 10_000m, 0, 0, 0);
        Assert.Equal(["Reservation", "Release"], (await LedgerOfAsync(withdrawn)).Select(e => e.Kind.ToString()));
        Assert.Single(await service.AnswersAsync(withdrawn));
        Assert.Equal(["Reservation", "Release"], (await LedgerOfAsync(declined)).Select(e => e.Kind.ToString()));
    }

    [Fact]
    public void The_budget_year_of_a_deal_is_its_calendar_year_in_amsterdam()
    {
        Assert.Equal(2041, Domain.BudgetYearRule.YearOf(new DateTimeOffset(2040, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(2040, Domain.BudgetYearRule.YearOf(new DateTimeOffset(2040, 12, 31, 22, 59, 59, TimeSpan.Zero)));
        Assert.Equal(2040, Domain.BudgetYearRule.YearOf(new DateTimeOffset(2041, 1, 1, 0, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal(2041, Domain.BudgetYearRule.YearOf(new DateTimeOffset(2041, 1, 1, 0, 30, 0, TimeSpan.FromHours(1))));
    }
}

using System.Text.Json;
using Buurt.Budget.Data;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Buurt.Budget.Tests;

/// <summary>Two replicas of the budget service take reservations for one wijk at once: the wijk never goes below zero.</summary>
public sealed class ConcurrencyTests(BudgetService service) : IClassFixture<BudgetService>
{
    /// <summary>Counts the deals each replica consumed.</summary>
    private sealed class Counter : IConsumeObserver
    {
        public int Consumed;

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is DealProposed)
            {
                Interlocked.Increment(ref Consumed);
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_reservations_through_two_replicas_never_exceed_the_allocation_and_each_gets_one_answer()
    {
        const int Deals = 120;
        const decimal Amount = 150m;
        const decimal Allocation = 10_000m; // room for 66 of them
        var year = BudgetService.FreshYear();
        await service.OpenYearAsync(year, 20_000m, Allocation);
        await using var replica = service.StartInstance();
        await BusReadiness.ConnectedAsync(replica.Services, "the replica's bus");
        var counters = new[] { new Counter(), new Counter() };
        using var first = service.Factory.Services.GetRequiredService<IBus>().ConnectConsumeObserver(counters[0]);
        using var second = replica.Services.GetRequiredService<IBus>().ConnectConsumeObserver(counters[1]);

        var initiatives = Enumerable.Range(0, Deals).Select(_ => Guid.CreateVersion7()).ToList();
        await Task.WhenAll(initiatives.Select(i => service.PublishAsync(BudgetService.Proposed(i, Amount, year))));

        var answers = await Eventually.ValueAsync(() => AnswersAsync(year), a => a.Count >= Deals, TimeSpan.FromSeconds(90), "an answer to every deal");
        var reserved = answers.Where(a => a.Type == nameof(FundsReserved)).ToList();
        var rejected = answers.Where(a => a.Type == nameof(FundsReservationRejected)).ToList();

        Assert.Equal(Deals, answers.Count);
        Assert.Equal(initiatives.Order(), answers.Select(a => a.Initiative).Order());
        Assert.Equal((int)(Allocation / Amount), reserved.Count);
        Assert.All(rejected, r => Assert.Equal(FundsRejectionReasons.InsufficientFunds, r.Reason));
        var summary = await service.SummaryAsync(year);
        Assert.Equal(reserved.Count * Amount, summary.GetProperty("reserved").GetDecimal());
        Assert.True(summary.GetProperty("available").GetDecimal() >= 0);
        Assert.True(summary.GetProperty("reserved").GetDecimal() <= Allocation);
        var (balance, ledger) = await service.BalanceAndLedgerAsync(year);
        Assert.Equal(balance, ledger);
        Assert.All(counters, c => Assert.True(c.Consumed > 0, "both replicas took deals"));
        Assert.Equal(Deals, counters.Sum(c => c.Consumed));
    }

    [Fact]
    public async Task PostgreSQL_itself_refuses_a_balance_below_zero()
    {
        var year = BudgetService.FreshYear();
        await service.OpenYearAsync(year, 1_000m, 100m);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => service.Database.ScalarAsync<object>(
            $"UPDATE wijk_balances SET reserved = 100.01 WHERE year = {year} RETURNING 1"));
        var overAllocated = await Assert.ThrowsAsync<PostgresException>(() => service.Database.ScalarAsync<object>(
            $"UPDATE budget_years SET allocated_to_wijken = 1000.01 WHERE year = {year} RETURNING 1"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("ck_wijk_balances_available_not_negative", refused.ConstraintName);
        Assert.Equal(PostgresErrorCodes.CheckViolation, overAllocated.SqlState);
    }

    private Task<List<(string Type, Guid Initiative, string? Reason)>> AnswersAsync(int year) => service.InScopeAsync("hilversum", async services =>
    {
        var rows = await services.GetRequiredService<BudgetDbContext>().Set<Buurt.Messaging.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("Funds")).ToListAsync();
        return rows.Select(r => (Type: r.Type.Split(',')[0].Split('.')[^1], Payload: JsonDocument.Parse(r.Payload).RootElement))
            .Where(r => r.Payload.GetProperty("areaId").GetGuid() == BudgetService.Zuid
                && (r.Type == nameof(FundsReservationRejected) || r.Payload.GetProperty("year").GetInt32() == year))
            .Select(r => (r.Type, r.Payload.GetProperty("initiativeId").GetGuid(), r.Payload.TryGetProperty("reason", out var reason) ? reason.GetString() : null))
            .ToList();
    });
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// Issue 5's acceptance run, through the gateway with demo tokens: the initiatives flow reserves,
/// commits, pays and releases money in wijk Zuid, and at every step the controller's view, the
/// public summary and the sums of the ledger show the same numbers.
/// </summary>
[Collection(DemoBooks.Name)]
public sealed class BudgetFlowTests(Platform platform) : IClassFixture<Platform>
{
    private static readonly Guid s_zuid = Demo.Zuid;
    private static readonly int s_year = DateTimeOffset.UtcNow.Year;
    private static readonly string[] s_buckets = ["allocated", "amended", "reserved", "committed", "paid"];
    private const string Initiatives = "/api/initiatives/v1/initiatives";
    private const string Budget = "/api/budget/v1";

    /// <summary>Zuid's books three ways: the controller's list, the public summary and the sums of the ledger.</summary>
    private sealed record Books(Dictionary<string, decimal> View, Dictionary<string, decimal> Summary, Dictionary<string, decimal> Ledger)
    {
        public decimal this[string bucket] => View[bucket];

        public bool Agree => s_buckets.All(b => View[b] == Ledger[b]) && View.All(v => Summary[v.Key] == v.Value);

        public override string ToString() =>
            $"view {string.Join(", ", View)}; summary {string.Join(", ", Summary)}; ledger {string.Join(", ", Ledger)}";
    }

    /// <summary>Reads Zuid's books (the public summary signed in: the gateway caches the anonymous one).</summary>
    private static async Task<Books> ReadBooksAsync(HttpClient controller, HttpClient resident)
    {
        var areas = await controller.GetAsync($"{Budget}/budgets/{s_year}/areas?pageSize=100").OkAsync();
        var view = areas.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("areaId").GetGuid() == s_zuid);
        var summary = await resident.GetAsync($"{Budget}/budgets/{s_year}/areas/{s_zuid}").OkAsync();
        var ledger = s_buckets.ToDictionary(b => b, _ => 0m);
        for (var page = 1; ; page++)
        {
            var lines = await controller.GetAsync($"{Budget}/budgets/{s_year}/ledger?areaId={s_zuid}&page={page}&pageSize=100").OkAsync();
            foreach (var line in lines.GetProperty("items").EnumerateArray())
            {
                foreach (var bucket in s_buckets)
                {
                    ledger[bucket] += line.GetProperty($"{bucket}Change").GetDecimal();
                }
            }
            if (page * 100 >= lines.GetProperty("total").GetInt64())
            {
                break;
            }
        }
        var buckets = s_buckets.Append("available").ToArray();
        return new Books(
            buckets.ToDictionary(b => b, b => view.GetProperty(b).GetDecimal()),
            buckets.ToDictionary(b => b, b => summary.GetProperty(b).GetDecimal()),
            ledger);
    }

    /// <summary>
    /// Waits until the books show what <paramref name="until"/> expects and the three views agree
    /// (read one after the other, they may straddle a booking); then checks them.
    /// </summary>
    private static async Task<Books> BooksWhenAsync(HttpClient controller, HttpClient resident, Func<Books, bool> until, string what)
    {
        var books = await Eventually.ValueAsync(() => ReadBooksAsync(controller, resident), b => b.Agree && until(b), what: what);
        Assert.Equal(books.View, books.Summary);
        Assert.Equal(books.Ledger, s_buckets.ToDictionary(b => b, b => books.View[b]));
        Assert.Equal(books["allocated"] + books["amended"] - books["reserved"] - books["committed"], books["available"]);
        Assert.True(books["available"] >= 0);
        return books;
    }

    private static async Task<Guid> DealAsync(HttpClient resident, HttpClient director, decimal amount)
    {
        var submitted = await resident.PostAsJsonAsync(Initiatives, new
        {
            title = $"Geveltuinen {Guid.NewGuid():N}"[..24],
            description = "Bewoners planten geveltuinen in hun straat.",
            areaId = s_zuid,
            theme = "fysiek",
            requestedAmount = amount,
        }).OkAsync();
        var id = submitted.GetProperty("id").GetGuid();
        await director.PostAsJsonAsync($"{Initiatives}/{id}/status-changes", new { status = "internal-check" }).OkAsync();
        await director.PostAsJsonAsync($"{Initiatives}/{id}/status-changes", new { status = "reciprocity-talk" }).OkAsync();
        await director.PutAsJsonAsync($"{Initiatives}/{id}/deal", new
        {
            amount,
            residentCommitments = new object[] { new { description = "Planten water geven", owner = "Bewoners" } },
            municipalCommitments = new object[] { new { description = "Tegels eruit halen", owner = "Gemeente Hilversum", dueDate = "2027-04-01" } },
        }).OkAsync();
        var funded = await Eventually.ValueAsync(() => director.GetAsync($"{Initiatives}/{id}").OkAsync(),
            i => i.GetProperty("deal").GetProperty("fundingStatus").GetString() != "pending", what: "the budget's answer to the deal");
        Assert.Equal("reserved", funded.GetProperty("deal").GetProperty("fundingStatus").GetString());
        return id;
    }

    [Fact]
    public async Task The_initiatives_flow_reserves_commits_pays_and_releases_and_every_view_of_the_books_agrees_at_every_step()
    {
        var resident = await platform.SignedInAsync("resident@hilversum.example");
        var director = await platform.SignedInAsync("director.zuid@hilversum.example");
        var controller = await platform.SignedInAsync("budget@hilversum.example");
        var start = await BooksWhenAsync(controller, resident, _ => true, "the books at the start");
        Assert.True(start["allocated"] > 0, "the demo books give Zuid an allocation this year");

        // A deal is proposed: the money is reserved.
        var garden = await DealAsync(resident, director, 3_000m);
        var reserved = await BooksWhenAsync(controller, resident, b => b["reserved"] == start["reserved"] + 3_000m, "the reservation");
        Assert.Equal(start["available"] - 3_000m, reserved["available"]);

        // Both sides accept: the reservation becomes a commitment.
        await resident.PostAsync($"{Initiatives}/{garden}/deal/acceptances", null).OkAsync();
        await director.PostAsync($"{Initiatives}/{garden}/deal/acceptances", null).OkAsync();
        var committed = await BooksWhenAsync(controller, resident, b => b["committed"] == start["committed"] + 3_000m, "the commitment");
        Assert.Equal(start["reserved"], committed["reserved"]);
        Assert.Equal(reserved["available"], committed["available"]);

        // The controller pays part of it, once, however often the request is sent.
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Payment(decimal amount) => new(HttpMethod.Post, $"{Budget}/payments")
        {
            Content = JsonContent.Create(new { initiativeId = garden, amount, reference = "F-2026-0412" }),
            Headers = { { "Idempotency-Key", key } },
        };
        var first = await controller.SendAsync(Payment(1_200m));
        var again = await controller.SendAsync(Payment(1_200m));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var paid = await BooksWhenAsync(controller, resident, b => b["paid"] == start["paid"] + 1_200m, "the payment");
        Assert.Equal(start["paid"] + 1_200m, paid["paid"]);
        Assert.Equal(committed["available"], paid["available"]);
        var payments = await controller.GetAsync($"{Budget}/payments?initiativeId={garden}").OkAsync();
        Assert.Single(payments.GetProperty("items").EnumerateArray());

        // More than is committed and unpaid: refused, and nothing is booked.
        await controller.PostAsJsonAsync($"{Budget}/payments", new { initiativeId = garden, amount = 1_800.01m }).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(paid.View, (await BooksWhenAsync(controller, resident, _ => true, "the books after the refusal")).View);

        // Completed below the deal's amount: the rest is released; what was paid stays paid.
        await director.PostAsJsonAsync($"{Initiatives}/{garden}/status-changes", new { status = "in-execution" }).OkAsync();
        await director.PostAsJsonAsync($"{Initiatives}/{garden}/status-changes", new { status = "completed", finalCost = 2_600m }).OkAsync();
        var completed = await BooksWhenAsync(controller, resident, b => b["committed"] == start["committed"] + 2_600m, "the release of what the completion did not spend");
        Assert.Equal(start["available"] - 2_600m, completed["available"]);
        Assert.Equal(start["paid"] + 1_200m, completed["paid"]);

        // Another deal is reserved, then the initiators withdraw: all of it comes back.
        var benches = await DealAsync(resident, director, 1_500m);
        await BooksWhenAsync(controller, resident, b => b["reserved"] == start["reserved"] + 1_500m, "the second reservation");
        await resident.PostAsJsonAsync($"{Initiatives}/{benches}/status-changes", new { status = "withdrawn", reason = "De buurt kiest toch voor iets anders" }).OkAsync();
        var released = await BooksWhenAsync(controller, resident, b => b["reserved"] == start["reserved"], "the release after the withdrawal");
        Assert.Equal(completed["available"], released["available"]);

        // The ledger tells the garden's story line by line.
        var story = await controller.GetAsync($"{Budget}/budgets/{s_year}/ledger?initiativeId={garden}").OkAsync();
        Assert.Equal(["reservation", "commitment", "payment", "release"],
            story.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }
}

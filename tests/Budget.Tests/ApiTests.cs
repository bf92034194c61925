using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;
using static Buurt.Budget.Tests.BudgetService;

namespace Buurt.Budget.Tests;

/// <summary>The budget controller's API: bookings, bad input (a 4xx and no ledger entry), idempotency keys, the views.</summary>
[Collection(BudgetCollection.Name)]
public sealed class ApiTests(BudgetService service)
{
    private const string Api = "/api/budget/v1";

    /// <summary>A committed deal of <paramref name="amount"/> in wijk Zuid of a fresh year.</summary>
    private async Task<(int Year, Guid Initiative)> CommittedDealAsync(decimal amount, decimal allocation = 10_000m)
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 50_000m, allocation);
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(Proposed(initiative, amount, year));
        await service.WaitForAnswersAsync(initiative);
        await service.PublishAsync(new DealAccepted("hilversum", Guid.CreateVersion7(), In(year), initiative, Zuid, 1, amount));
        await Eventually.TrueAsync(async () => (await service.SummaryAsync(year)).GetProperty("committed").GetDecimal() == amount, what: "the commitment");
        return (year, initiative);
    }

    private static HttpRequestMessage KeyedPayment(Guid initiative, decimal amount, string key) => new(HttpMethod.Post, $"{Api}/payments")
    {
        Content = JsonContent.Create(new { initiativeId = initiative, amount, reference = "F-7" }),
        Headers = { { "Idempotency-Key", key } },
    };

    public static TheoryData<string, string, object, HttpStatusCode, string?> BadWrites => new()
    {
        { "PUT", "/budgets/{year}", new { total = -5m }, HttpStatusCode.BadRequest, "total" },
        { "PUT", "/budgets/{year}", new { total = 10.001m }, HttpStatusCode.BadRequest, "total" },
        { "PUT", "/budgets/{year}", new { }, HttpStatusCode.BadRequest, "total" },
        { "PUT", "/budgets/1999", new { total = 10m }, HttpStatusCode.BadRequest, "year" },
        { "PUT", "/budgets/{year}", new { total = 5_000m }, HttpStatusCode.Conflict, null },
        { "PUT", "/budgets/{year}/allocations/{zuid}", new { amount = 50_000.01m }, HttpStatusCode.Conflict, null },
        { "PUT", "/budgets/{year}/allocations/{zuid}", new { amount = -1m }, HttpStatusCode.BadRequest, "amount" },
        { "PUT", "/budgets/{year}/allocations/{zuid}", new { amount = 0.001m }, HttpStatusCode.BadRequest, "amount" },
        { "PUT", "/budgets/{year}/allocations/{unknown}", new { amount = 10m }, HttpStatusCode.BadRequest, "areaId" },
        { "PUT", "/budgets/{year}/allocations/{noord}", new { amount = 10m }, HttpStatusCode.BadRequest, "areaId" },
        { "PUT", "/budgets/{none}/allocations/{zuid}", new { amount = 10m }, HttpStatusCode.NotFound, null },
        { "POST", "/budgets/{year}/amendments", new { reference = "A40-1", amount = 0m }, HttpStatusCode.BadRequest, "amount" },
        { "POST", "/budgets/{year}/amendments", new { reference = "A40-1", amount = 10m, areaId = Guid.Empty }, HttpStatusCode.BadRequest, "areaId" },
        { "POST", "/budgets/{year}/amendments", new { amount = 10m }, HttpStatusCode.BadRequest, "reference" },
        { "POST", "/budgets/{closed}/amendments", new { reference = "A40-2", amount = 10m }, HttpStatusCode.Conflict, null },
        { "PUT", "/budgets/{closed}/allocations/{zuid}", new { amount = 10m }, HttpStatusCode.Conflict, null },
        { "POST", "/budgets/{closed}/close", new { }, HttpStatusCode.Conflict, null },
        { "POST", "/budgets/{year}/corrections", new { areaId = Zuid, bucket = "allocated", amount = 0m, reason = "Typo" }, HttpStatusCode.BadRequest, "amount" },
        { "POST", "/budgets/{year}/corrections", new { areaId = Zuid, bucket = "allocated", amount = -20_000m, reason = "Typo" }, HttpStatusCode.Conflict, null },
        { "POST", "/budgets/{year}/corrections", new { areaId = Zuid, bucket = "reserved", amount = -1m, reason = "Typo" }, HttpStatusCode.Conflict, null },
        { "POST", "/budgets/{year}/corrections", new { areaId = Zuid, bucket = "nonsense", amount = 1m, reason = "Typo" }, HttpStatusCode.BadRequest, "bucket" },
        { "POST", "/budgets/{year}/corrections", new { areaId = Zuid, bucket = "paid", amount = 1m }, HttpStatusCode.BadRequest, "reason" },
        { "POST", "/payments", new { initiativeId = "{initiative}", amount = 2_000.01m }, HttpStatusCode.Conflict, null },
        { "POST", "/payments", new { initiativeId = "{initiative}", amount = -1m }, HttpStatusCode.BadRequest, "amount" },
        { "POST", "/payments", new { initiativeId = "{initiative}", amount = 1.005m }, HttpStatusCode.BadRequest, "amount" },
        { "POST", "/payments", new { initiativeId = Guid.Empty, amount = 1m }, HttpStatusCode.NotFound, null },
        { "POST", "/payments", new { initiativeId = "{closedDeal}", amount = 1m }, HttpStatusCode.Conflict, null },
        { "POST", "/executive-decisions", new { initiativeId = Guid.Empty, reference = "", maxAmount = 1m }, HttpStatusCode.BadRequest, "reference" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task Bad_input_gets_a_problem_naming_the_field_or_the_rule_and_books_nothing(
        string method, string path, object body, HttpStatusCode status, string? field)
    {
        // Wijk Zuid of a year: total 50,000, allocation 10,000, a committed deal of 2,000 (nothing paid); a closed year
        // with a committed deal of 100 in it; a year without budget. Made once: none of these requests may change anything.
        var (year, initiative, closed, closedDeal, none) = await service.OnceAsync("bad-input", async () =>
        {
            var (year, initiative) = await CommittedDealAsync(2_000m, allocation: 10_000m);
            var (closed, closedDeal) = await CommittedDealAsync(100m, allocation: 1_000m);
            var controller = await service.AsAsync(Controller);
            Assert.Equal(HttpStatusCode.OK, (await controller.PostAsync($"{Api}/budgets/{closed}/close", null)).StatusCode);
            return (year, initiative, closed, closedDeal, FreshYear());
        });
        var controller = await service.AsAsync(Controller);
        var url = Api + path
            .Replace("{year}", year.ToString(), StringComparison.Ordinal)
            .Replace("{closed}", closed.ToString(), StringComparison.Ordinal)
            .Replace("{none}", none.ToString(), StringComparison.Ordinal)
            .Replace("{zuid}", Zuid.ToString(), StringComparison.Ordinal)
            .Replace("{noord}", VoorbeeldstadNoord.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(body)
            .Replace("{initiative}", initiative.ToString(), StringComparison.Ordinal)
            .Replace("{closedDeal}", closedDeal.ToString(), StringComparison.Ordinal);
        var before = await service.LedgerCountAsync();

        var response = await controller.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        await response.ProblemAsync(status, field);
        Assert.Equal(before, await service.LedgerCountAsync());
        var (balance, ledger) = await service.BalanceAndLedgerAsync(year);
        Assert.Equal(balance, ledger);
    }

    [Theory]
    [InlineData(null, "PUT", "/budgets/2039", HttpStatusCode.Unauthorized)]
    [InlineData(Director, "PUT", "/budgets/2039", HttpStatusCode.Forbidden)]
    [InlineData("resident@hilversum.example", "POST", "/payments", HttpStatusCode.Forbidden)]
    [InlineData(Admin, "POST", "/budgets/2039/amendments", HttpStatusCode.Forbidden)]
    [InlineData(Controller, "PUT", "/mandates/director", HttpStatusCode.Forbidden)]
    [InlineData(Director, "POST", "/executive-decisions", HttpStatusCode.Forbidden)]
    [InlineData("resident@hilversum.example", "GET", "/budgets/2039/ledger", HttpStatusCode.Forbidden)]
    public async Task The_wrong_role_is_refused_and_books_nothing(string? email, string method, string path, HttpStatusCode status)
    {
        var client = email is null ? service.Client() : await service.AsAsync(email);
        var before = await service.LedgerCountAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Api + path)
        {
            Content = method == "GET" ? null : JsonContent.Create(new { total = 1m, amount = 1m, maxAmount = 1m, reference = "X", initiativeId = Guid.NewGuid() }),
        });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(before, await service.LedgerCountAsync());
    }

    [Fact]
    public async Task Mandates_are_the_tenant_admins_and_rise_from_director_to_alderman()
    {
        var admin = await service.AsAsync(Admin);

        var wrongRole = await admin.PutAsJsonAsync($"{Api}/mandates/resident", new { maxAmount = 10m });
        var aboveAlderman = await admin.PutAsJsonAsync($"{Api}/mandates/director", new { maxAmount = 30_000m });
        var same = await admin.PutAsJsonAsync($"{Api}/mandates/director", new { maxAmount = 5_000m });

        await wrongRole.ProblemAsync(HttpStatusCode.BadRequest, "role");
        await aboveAlderman.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var mandates = await admin.GetFromJsonAsync<JsonElement>($"{Api}/mandates");
        Assert.Equal(["director", "alderman"], mandates.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal([5_000m, 25_000m], mandates.EnumerateArray().Select(m => m.GetProperty("maxAmount").GetDecimal()));
    }

    [Fact]
    public async Task A_retried_payment_with_the_same_idempotency_key_is_booked_once_and_answered_the_same()
    {
        var (year, initiative) = await CommittedDealAsync(3_000m);
        var controller = await service.AsAsync(Controller);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Payment(decimal amount) => KeyedPayment(initiative, amount, key);

        var first = await controller.SendAsync(Payment(1_000m));
        var again = await Task.WhenAll(controller.SendAsync(Payment(1_000m)), controller.SendAsync(Payment(1_000m)));
        var other = await controller.SendAsync(Payment(999m));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var response in again)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(first.Headers.Location, response.Headers.Location);
            Assert.Equal(id, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1_000m, (await service.SummaryAsync(year)).GetProperty("paid").GetDecimal());
        var payments = await controller.GetFromJsonAsync<JsonElement>($"{Api}/payments?initiativeId={initiative}");
        Assert.Equal(1, payments.GetProperty("total").GetInt64());
        Assert.Equal(2, (await service.AnswersAsync(initiative)).Count);
    }

    [Fact]
    public async Task A_refused_write_keeps_its_key_free_for_the_corrected_request()
    {
        var (year, initiative) = await CommittedDealAsync(500m);
        var controller = await service.AsAsync(Controller);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Payment(decimal amount) => KeyedPayment(initiative, amount, key);

        var tooMuch = await controller.SendAsync(Payment(600m));
        var corrected = await controller.SendAsync(Payment(500m));

        await tooMuch.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(500m, (await service.SummaryAsync(year)).GetProperty("paid").GetDecimal());
    }

    [Fact]
    public async Task Idempotency_keys_are_kept_for_a_day_and_then_deleted()
    {
        var (old, young) = ($"old-{Guid.NewGuid()}", $"young-{Guid.NewGuid()}");
        await service.Database.ScalarAsync<int>($"""
            INSERT INTO idempotent_requests (tenant_id, key, fingerprint, status_code, created_at)
            VALUES ('hilversum', '{old}', 'x', 201, now() - interval '24 hours 1 minute'), ('hilversum', '{young}', 'x', 201, now() - interval '23 hours 50 minutes')
            RETURNING 1
            """);
        Task<long> CountAsync(string key) => service.Database.ScalarAsync<long>($"SELECT count(*) FROM idempotent_requests WHERE key = '{key}'");

        await Eventually.TrueAsync(async () => await CountAsync(old) == 0, what: "the day-old key to be deleted");
        Assert.Equal(1, await CountAsync(young));
    }

    [Fact]
    public async Task Allocations_amendments_and_corrections_show_in_the_views_and_the_ledger_pages_and_exports()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 100_000m, 30_000m);
        var controller = await service.AsAsync(Controller);
        var director = await service.AsAsync(Director);
        Assert.Equal(HttpStatusCode.Created, (await controller.PostAsJsonAsync($"{Api}/budgets/{year}/amendments",
            new { reference = "A40-182", amount = 50_000m, theme = "sociaal", areaId = Oost1223, description = "Sociale cohesie" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await controller.PostAsJsonAsync($"{Api}/budgets/{year}/amendments",
            new { reference = "A40-183", amount = 20_000m, theme = "veilig" })).StatusCode);
        await controller.PostAsJsonAsync($"{Api}/budgets/{year}/amendments", new { reference = "A40-183", amount = 1m }).ProblemAsync(HttpStatusCode.Conflict);
        // The pool's 20,000 may be allocated on top of the total.
        Assert.Equal(HttpStatusCode.OK, (await controller.PutAsJsonAsync($"{Api}/budgets/{year}/allocations/{Centrum}", new { amount = 90_000m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await controller.PostAsJsonAsync($"{Api}/budgets/{year}/corrections",
            new { areaId = Zuid, bucket = "allocated", amount = -0.50m, reason = "=SUM(A1) afronding" })).StatusCode);
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(Proposed(initiative, 1_234.56m, year, theme: Contracts.Theme.Sociaal));
        await service.WaitForAnswersAsync(initiative);

        var budget = await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}");
        Assert.Equal(100_000m, budget.GetProperty("total").GetDecimal());
        Assert.Equal(20_000m, budget.GetProperty("poolAmended").GetDecimal());
        Assert.Equal(119_999.50m, budget.GetProperty("allocatedToWijken").GetDecimal());
        Assert.Equal(0.50m, budget.GetProperty("unallocated").GetDecimal());
        var areas = await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/areas");
        var zuid = areas.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("areaId").GetGuid() == Zuid);
        Assert.Equal("Zuid", zuid.GetProperty("name").GetString());
        Assert.Equal(29_999.50m, zuid.GetProperty("allocated").GetDecimal());
        Assert.Equal(4.1m, zuid.GetProperty("percentUsed").GetDecimal()); // 1,234.56 / 29,999.50 = 4.115...%
        var oost = await service.SummaryAsync(year, Oost1223);
        Assert.Equal(50_000m, oost.GetProperty("amended").GetDecimal());
        Assert.Equal(50_000m, oost.GetProperty("available").GetDecimal());
        var themes = await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/themes");
        var sociaal = themes.EnumerateArray().Single(t => t.GetProperty("theme").GetString() == "sociaal");
        Assert.Equal(50_000m, sociaal.GetProperty("amended").GetDecimal());
        Assert.Equal(1_234.56m, sociaal.GetProperty("reserved").GetDecimal());

        var first = await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/ledger?page=1&pageSize=3");
        var total = first.GetProperty("total").GetInt64();
        Assert.Equal(7, total); // total, allocation, 2 amendments, allocation, correction, reservation
        var sequences = new List<long>();
        for (var page = 1; (page - 1) * 3 < total; page++)
        {
            var items = (await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/ledger?page={page}&pageSize=3")).GetProperty("items");
            sequences.AddRange(items.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        }
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(total, sequences.Distinct().Count());
        var reservation = (await director.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year}/ledger?kind=reservation")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(initiative, reservation.GetProperty("initiativeId").GetGuid());
        Assert.Equal("service:initiatives", reservation.GetProperty("actor").GetString());
        Assert.StartsWith("event:", reservation.GetProperty("source").GetString(), StringComparison.Ordinal);

        var csv = await director.GetAsync($"{Api}/budgets/{year}/ledger/export?areaId={Zuid}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var body = await csv.Content.ReadAsStringAsync();
        // RFC 4180: every row ends in CRLF, the last one too.
        Assert.EndsWith("\r\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", body.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = body[..^2].Split("\r\n");
        Assert.StartsWith("sequence,recorded_at,year,area_id,kind,amount", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length - 1); // allocation, correction, reservation (the total's line is no wijk's)
        // A text that looks like a formula stays text in a spreadsheet.
        Assert.Contains(lines, l => l.Contains(",correction,-0.50,-0.50,", StringComparison.Ordinal) && l.Contains(",'=SUM(A1) afronding,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",reservation,1234.56,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closing_a_year_carries_each_wijks_available_money_over_when_the_tenant_says_so_and_leaves_only_corrections()
    {
        var year = FreshYear(span: 2);
        await service.OpenYearAsync(year, 10_000m, 4_000m);
        var initiative = Guid.CreateVersion7();
        await service.PublishAsync(Proposed(initiative, 1_000m, year));
        await service.WaitForAnswersAsync(initiative);
        var admin = await service.AsAsync(Admin);
        var controller = await service.AsAsync(Controller);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/settings", new { carryOver = "available" })).StatusCode);
        HttpResponseMessage closed;
        try
        {
            closed = await controller.PostAsync($"{Api}/budgets/{year}/close", null);
        }
        finally
        {
            await admin.PutAsJsonAsync($"{Api}/settings", new { carryOver = "none" });
        }

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.True((await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closed").GetBoolean());
        Assert.Equal(3_000m, (await service.SummaryAsync(year + 1)).GetProperty("allocated").GetDecimal());
        var next = await controller.GetFromJsonAsync<JsonElement>($"{Api}/budgets/{year + 1}");
        Assert.Equal(3_000m, next.GetProperty("carriedOver").GetDecimal());
        Assert.Equal(3_000m, next.GetProperty("allocatedToWijken").GetDecimal());
        var (balance, ledger) = await service.BalanceAndLedgerAsync(year + 1);
        Assert.Equal(balance, ledger);

        await controller.PutAsJsonAsync($"{Api}/budgets/{year}", new { total = 20_000m }).ProblemAsync(HttpStatusCode.Conflict);
        var correction = await controller.PostAsJsonAsync($"{Api}/budgets/{year}/corrections",
            new { areaId = Zuid, bucket = "reserved", amount = -1_000m, reason = "Reservering vervallen bij jaarafsluiting", initiativeId = initiative });
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        Assert.Equal(0m, (await service.SummaryAsync(year)).GetProperty("reserved").GetDecimal());
    }

    [Fact]
    public async Task The_public_summary_needs_no_token_is_cacheable_and_holds_no_personal_data()
    {
        var year = FreshYear();
        await service.OpenYearAsync(year, 10_000m, 7_500.25m);

        var response = await service.Client().GetAsync($"{Api}/budgets/{year}/areas/{Zuid}");
        var unknown = await service.Client().GetAsync($"{Api}/budgets/{year}/areas/{Guid.NewGuid()}");
        var noBudget = await service.SummaryAsync(year, Centrum);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=30", response.Headers.CacheControl?.ToString());
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["allocated", "amended", "reserved", "committed", "paid", "available"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7_500.25m, summary.GetProperty("available").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0m, noBudget.GetProperty("allocated").GetDecimal());
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_openapi_document_and_writes_take_an_idempotency_key()
    {
        var document = await service.Client().GetFromJsonAsync<JsonElement>($"{Api}/openapi.json");
        var paths = document.GetProperty("paths");

        foreach (var path in new[]
        {
            "/budgets", "/budgets/{year}", "/budgets/{year}/close", "/budgets/{year}/areas", "/budgets/{year}/areas/{areaId}",
            "/budgets/{year}/allocations/{areaId}", "/budgets/{year}/amendments", "/budgets/{year}/themes", "/budgets/{year}/ledger",
            "/budgets/{year}/ledger/export", "/budgets/{year}/corrections", "/mandates", "/mandates/{role}", "/settings",
            "/executive-decisions", "/payments", "/payments/{id}", "/reservations/{id}", "/pipeline", "/pipeline/{areaId}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }
        var pay = paths.GetProperty("/payments").GetProperty("post");
        Assert.Contains(pay.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Buurt.Benchmarks;

/// <summary>
/// What one booking request costs the calendar service in CPU, over HTTP with a resident's token, as
/// the rush of issue 14 sends it: <c>requests</c> bookings of free slots (201) and as many of a slot
/// already taken (409), in the service's own process (user + system time from /proc), round after
/// round. CPU time per request barely moves with the machine's load, unlike latency, so builds can be
/// compared on a shared machine: <c>CALENDAR_BUILD=&lt;folder&gt;</c> runs another build of the service
/// (e.g. the commit before) beside this one, each on its own database, in alternating order; KEY=VALUE
/// runs this build once more with that setting, to see what a part costs by leaving it out. Each
/// phase's CPU is read until its background work is done (the bookings' events published); the idle
/// CPU per second is said beside it. Talks only to 127.0.0.1.
/// <c>./platform bench calendar-booking-cpu [requests] [rounds] [callers] [CALENDAR_BUILD=folder] [KEY=VALUE...]</c>.
/// </summary>
public static class CalendarBookingCpu
{
    private const string BuildSetting = "CALENDAR_BUILD";
    private const int SlotMinutes = 5;
    private const int SlotsPerSession = 96;
    private static readonly LocalDateTime FirstSession = new(2027, 1, 5, 6, 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.Contains('=', StringComparison.Ordinal)).ToList();
        int Arg(int i, int fallback) => numbers.Count > i ? int.Parse(numbers[i], CultureInfo.InvariantCulture) : fallback;
        var requests = Arg(0, 200);
        var rounds = Arg(1, 5);
        var callers = Arg(2, 50);
        // This build; CALENDAR_BUILD=<folder>: another build beside it; KEY=VALUE: this build with that setting (environment).
        var builds = new List<(string Name, string? Folder, Dictionary<string, string> Settings)> { ("this build", null, []) };
        foreach (var extra in args.Where(a => a.Contains('=', StringComparison.Ordinal)))
        {
            var (key, value) = (extra[..extra.IndexOf('=', StringComparison.Ordinal)], extra[(extra.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            builds.Add(key == BuildSetting ? ("before: " + value, value, []) : (extra, null, new() { [key] = value }));
        }
        // Every booking takes a slot of its own: the warm-up round and the measured ones.
        var sessions = (int)Math.Ceiling((rounds + WarmUpRounds) * (double)requests / SlotsPerSession);
        if (sessions > 45)
        {
            throw new ArgumentException("At most 45 weekly sessions fit the horizon: fewer requests or rounds.");
        }

        Measurements.UseContentRoot("Buurt.Calendar", Path.Combine("services", "calendar"));
        Measurements.UseContentRoot("Buurt.Identity", Path.Combine("services", "identity"));
        var work = Directory.CreateTempSubdirectory("buurt-bench-booking-cpu-");
        await using var broker = await TestBroker.CreateAsync();
        await using var identity = TestIdentity.Start(broker, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var token = await identity.TokenAsync(Demo.Hilversum, Demo.Resident);
        var targets = new List<Target>();
        try
        {
            foreach (var (name, folder, extraSettings) in builds)
            {
                var database = new TestDatabase("bench_booking_cpu");
                var officeHour = await SeedAsync(database, broker, sessions);
                var port = ServiceFactory<CalendarDbContext>.FreePort();
                var process = ChildProcess.StartDotnet(work.FullName, $"calendar-{targets.Count}", Path.Combine("services", "calendar"), "Buurt.Calendar", port, new(extraSettings)
                {
                    // As deployed (Production, its log levels), against the test servers.
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ConnectionStrings__Database"] = database.ConnectionString,
                    ["ConnectionStrings__RabbitMq"] = broker.Uri.ToString(),
                    ["ConnectionStrings__Redis"] = TestServers.Redis,
                    ["Auth__Issuer"] = identity.Issuer.ToString(),
                    ["Auth__Authority"] = identity.Address.ToString(),
                    ["Identity__Address"] = "",
                    ["Demo__Enabled"] = "false",
                    ["Calendar__MetricsInterval"] = "01:00:00",
                }, folder);
                var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Demo.Hilversum);
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                targets.Add(new Target(name, process, database, client, officeHour));
                await process.WaitReadyAsync($"http://127.0.0.1:{port}/health/ready");
            }

            var samples = targets.ToDictionary(t => t.Name, _ => (Booked: new List<double>(), Refused: new List<double>(), Idle: new List<double>()));
            var loads = new List<string>();
            var failed = false;
            // The first rounds warm up (JIT tiers, pools, the kept office hour) and are not counted.
            for (var round = 0; round < rounds + WarmUpRounds; round++)
            {
                if (round == WarmUpRounds)
                {
                    // The background work the warm-up left (tier-1 compilations, the outbox) ends before anything counts:
                    // on a loaded machine the idle CPU stayed at 400–850 ms/s for a while after the traffic.
                    foreach (var target in targets)
                    {
                        await SettleAsync(target);
                    }
                }
                var order = round % 2 == 0 ? targets : Enumerable.Reverse(targets);
                foreach (var target in order)
                {
                    var slots = Enumerable.Range(round * requests, requests).Select(SlotStart).ToList();
                    // The background's own CPU (outbox polls, timers, late JIT) per second: said beside the figures, not taken off them.
                    var idlePerSecond = (await CpuOverAsync(target, () => Task.CompletedTask)).TotalMilliseconds / Settle.TotalSeconds;
                    List<HttpStatusCode> booked = [], refused = [];
                    // Each phase ends when its events have left (the outbox publishes the bookings' events after the 201s).
                    var bookedCpu = await CpuOverAsync(target, async () => booked = await SendAsync(target, callers, slots));
                    // The round's first slot, booked just now: every further booking of it is refused. The warm-up refuses
                    // more (refusals take no slot), so the code is JIT-compiled at its final tier before anything counts.
                    var refusals = round < WarmUpRounds ? requests * WarmUpRefusals : requests;
                    var refusedCpu = await CpuOverAsync(target, async () => refused = await SendAsync(target, callers, [.. Enumerable.Repeat(slots[0], refusals)]));
                    var right = booked.All(s => s == HttpStatusCode.Created) && refused.All(s => s == HttpStatusCode.Conflict);
                    failed |= !right;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}, {target.Name}: {booked.Count(s => s == HttpStatusCode.Created)} × 201, {refused.Count(s => s == HttpStatusCode.Conflict)} × 409 ({(right ? "as expected" : "NOT as expected: " + string.Join(", ", booked.Concat(refused).Distinct()))}); " +
                        $"{bookedCpu.TotalMicroseconds / requests:N0} µs per booking, {refusedCpu.TotalMicroseconds / refusals:N0} µs per refusal, idle {idlePerSecond:N0} ms/s"));
                    if (round >= WarmUpRounds)
                    {
                        samples[target.Name].Booked.Add(bookedCpu.TotalMicroseconds / requests);
                        samples[target.Name].Refused.Add(refusedCpu.TotalMicroseconds / requests);
                        samples[target.Name].Idle.Add(idlePerSecond);
                    }
                }
                loads.Add(Measurements.LoadAverage());
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Measurements.Machine()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {requests} bookings and {requests} refusals per round, {callers} callers, {rounds} rounds; load average {string.Join(", ", loads)}"));
            Console.WriteLine("The calendar's CPU per request (user + system): median over the rounds (lowest–highest).");
            Console.WriteLine("| build | booking (201) | refusal (409) | idle, per second |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var target in targets)
            {
                var (booked, refused, idle) = samples[target.Name];
                Console.WriteLine($"| {target.Name} | {Median(booked)} µs | {Median(refused)} µs | {Median(idle)} ms |");
            }
            Console.WriteLine(failed ? "FAILED: an answer was not the 201 or 409 expected (see the rounds above)." : "Every booking 201, every refusal 409.");
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var target in targets)
            {
                target.Client.Dispose();
                await target.Process.DisposeAsync();
                await target.Database.DisposeAsync();
            }
            work.Delete(recursive: true);
        }
    }

    private sealed record Target(string Name, ChildProcess Process, TestDatabase Database, HttpClient Client, Guid OfficeHour);

    private static string Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"**{Measurements.Percentile(sorted, 50):N0}** ({sorted[0]:N0}–{sorted[^1]:N0})");
    }

    /// <summary>The n-th slot of the office hour: <see cref="SlotsPerSession"/> a week, from the first session on.</summary>
    private static string SlotStart(int n)
    {
        var local = FirstSession.PlusWeeks(n / SlotsPerSession).PlusMinutes(SlotMinutes * (n % SlotsPerSession));
        return local.InZoneStrictly(LocalTimes.Zone("Europe/Amsterdam")).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
    }

    /// <summary>How long a phase is given to finish its background work (the outbox), and how long the idle CPU is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>How many times <c>requests</c> a warm-up round refuses.</summary>
    private const int WarmUpRefusals = 5;

    /// <summary>Rounds not counted: on a loaded machine two were not enough for the JIT's second tier (the next rounds still cost 3–4× the later ones).</summary>
    private const int WarmUpRounds = 4;

    /// <summary>Until the service's idle CPU is under 30 ms/s twice in a row (two minutes at most). Only traffic makes code hot, so the warm-up rounds do the rest.</summary>
    private static async Task SettleAsync(Target target)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        for (var quiet = 0; quiet < 2 && DateTime.UtcNow < until;)
        {
            quiet = (await CpuOverAsync(target, () => Task.CompletedTask)).TotalMilliseconds / Settle.TotalSeconds < 30 ? quiet + 1 : 0;
        }
    }

    /// <summary>The service's CPU time over <paramref name="work"/> and <see cref="Settle"/> after it.</summary>
    private static async Task<TimeSpan> CpuOverAsync(Target target, Func<Task> work)
    {
        var cpu = target.Process.CpuTime();
        await work();
        await Task.Delay(Settle);
        return target.Process.CpuTime() - cpu;
    }

    /// <summary>Books the slots, <paramref name="callers"/> at a time, and returns the answers.</summary>
    private static async Task<List<HttpStatusCode>> SendAsync(Target target, int callers, List<string> slots)
    {
        var answers = new HttpStatusCode[slots.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < slots.Count; i = Interlocked.Increment(ref next))
            {
                using var response = await target.Client.PostAsJsonAsync("/api/calendar/v1/bookings", new { officeHourId = target.OfficeHour, start = slots[i] });
                answers[i] = response.StatusCode;
            }
        })));
        return [.. answers];
    }

    /// <summary>Migrates the database and schedules a weekly office hour in Zuid with enough 5-minute slots for every booking.</summary>
    private static async Task<Guid> SeedAsync(TestDatabase database, TestBroker broker, int sessions)
    {
        var settings = ServiceFixture<CalendarDbContext>.Settings(database, broker);
        settings["Demo:Enabled"] = "false";
        settings["Calendar:MetricsInterval"] = "01:00:00";
        await using var service = new ServiceFactory<CalendarDbContext>(settings);
        service.EnsureStarted();
        await using var scope = service.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Demo.Hilversum);
        var zone = LocalTimes.Zone("Europe/Amsterdam");
        var plan = new OfficeHourPlan(Demo.Zuid, new OfficeHost("wijkwethouder", "Wethouder Zuid"), zone, FirstSession,
            FirstSession.PlusMinutes(SlotMinutes * SlotsPerSession), new RecurrenceRequest(Frequency.Weekly, 1, [], sessions, null), SlotMinutes, 0, null, null, 0, 366, []);
        var officeHour = OfficeHour.Schedule(Demo.Hilversum, Guid.CreateVersion7(), plan, Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
        db.OfficeHours.Add(officeHour);
        await db.SaveChangesAsync();
        return officeHour.Id;
    }
}

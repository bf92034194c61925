using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Activity = Buurt.Calendar.Domain.Activity;
using ActivityKind = Buurt.Calendar.Domain.ActivityKind;

namespace Buurt.Benchmarks;

/// <summary>
/// The calendar's two rushes of issue 14, everyone at the same moment on a real PostgreSQL: residents
/// booking one slot of an office hour (exactly one booking, the rest a clear "taken", p99 at most
/// 100 ms) and residents registering for one occurrence with capacity 50 (exactly 50 places, the
/// rest waiting in arrival order, none lost). Each rush is measured beside its uncontended twin in
/// the same run (as many bookings of as many different slots; as many registrations for as many
/// occurrences), so the ratio shows what the contention costs. Measured at the use case (its
/// transaction, the lock, the constraint) in-process, and the booking rush once more over HTTP as it
/// arrives from the gateway (one resident's token, the tenant header; the service's whole pipeline). <c>./platform bench calendar-rush [bookers] [registrants] [rounds] [warm-up rounds]</c>.
/// </summary>
public static class CalendarRush
{
    private const string Tenant = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var bookers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var registrants = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var warmUps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        Measurements.UseContentRoot("Buurt.Calendar", Path.Combine("services", "calendar"));
        await using var database = new TestDatabase("bench_calendar_rush");
        await using var broker = await TestBroker.CreateAsync();
        // Identity signs in the resident whose token the rush over HTTP carries.
        Measurements.UseContentRoot("Buurt.Identity", Path.Combine("services", "identity"));
        await using var identity = TestIdentity.Start(broker, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var settings = ServiceFixture<CalendarDbContext>.Settings(database, broker, identity.Issuer);
        settings["Calendar:MetricsInterval"] = "01:00:00";
        settings["Demo:Enabled"] = "false";
        await using var service = new ServiceFactory<CalendarDbContext>(settings, kestrel: true);
        service.EnsureStarted();
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = service.Address };
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await identity.TokenAsync(Demo.Hilversum, Demo.Resident));

        var failed = false;
        var overHttp = new List<double>();
        var booking = new List<double>();
        var bookingSpread = new List<double>();
        var registering = new List<double>();
        var registeringSpread = new List<double>();
        // The first rounds warm up (the JIT's second tier took more than two rounds' traffic in
        // calendar-booking-cpu; pools, PostgreSQL's caches) and are not counted.
        for (var round = 0; round < warmUps + rounds; round++)
        {
            var officeHour = await OfficeHourAsync(service, Tenant, round, bookers);
            // The rush: everyone the first slot of the first session; its twin: each a slot of their own in the second session.
            var secondSession = Instant.FromUtc(2027, 3, 9, 5, 0);
            var rush = await AllAtOnceAsync<OfficeHours>(service, bookers, (offices, _) => Booked(offices.TryBookAsync(officeHour, RushSlot, null, null, Resident(), default)));
            var spread = await AllAtOnceAsync<OfficeHours>(service, bookers, (offices, n) =>
                Booked(offices.TryBookAsync(officeHour, InstantText(secondSession + Duration.FromMinutes(SlotMinutes * n)), null, null, Resident(), default)));
            var booked = rush.Count(r => r.Outcome == "done");
            var taken = rush.Count(r => r.Outcome == "taken");
            failed |= booked != 1 || taken != bookers - 1 || spread.Any(r => r.Outcome != "done");
            // The same rush as it arrives: over HTTP with the resident's token and the gateway's tenant header, 201 or 409.
            var httpOfficeHour = await OfficeHourAsync(service, Demo.Hilversum, round, bookers);
            var cpu = Environment.CpuUsage.TotalTime;
            var http = await AllOverHttpAsync(client, bookers, httpOfficeHour, RushSlot);
            var httpCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            var (httpBooked, httpTaken) = (http.Count(r => r.Outcome == "done"), http.Count(r => r.Outcome == "taken"));
            failed |= httpBooked != 1 || httpTaken != bookers - 1;

            var start = new LocalDateTime(2027, 1, 4, 19, 0).PlusDays(round);
            var activity = (await ActivitiesAsync(service, start, 1, 50))[0];
            var registered = await AllAtOnceAsync<Registrations>(service, registrants, (registrations, _) => registrations.RegisterAsync(activity, start, Resident(), default));
            var others = await ActivitiesAsync(service, start, registrants, 50);
            var one = await AllAtOnceAsync<Registrations>(service, registrants, (registrations, n) => registrations.RegisterAsync(others[n], start, Resident(), default));
            var order = await service.Services.CreateAsyncScope().ServiceProvider.InTenant(db => db.Registrations.Where(r => r.ActivityId == activity)
                .OrderBy(r => r.Position).Select(r => new { r.Position, r.Status }).ToListAsync());
            var inOrder = order.Select(r => r.Position).SequenceEqual(Enumerable.Range(1, registrants))
                && order.Take(50).All(r => r.Status == RegistrationStatus.Registered) && order.Skip(50).All(r => r.Status == RegistrationStatus.Waitlisted);
            failed |= !inOrder || order.Count != registrants || registered.Any(r => r.Outcome != "done") || one.Any(r => r.Outcome != "done");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {booked} booked, {taken} taken ({rush.Count(r => r.Outcome is not ("done" or "taken"))} other); " +
                $"over HTTP {httpBooked} × 201, {httpTaken} × 409 ({string.Join(", ", http.Select(r => r.Outcome).Where(o => o is not ("done" or "taken")).Distinct())}) " +
                $"in {http.Max(r => r.Ms):N0} ms, the process's CPU {httpCpu:N0} ms; " +
                $"{order.Count(r => r.Status == RegistrationStatus.Registered)} registered, {order.Count(r => r.Status == RegistrationStatus.Waitlisted)} waiting, in arrival order: {inOrder}"));
            if (round >= warmUps)
            {
                booking.AddRange(rush.Select(r => r.Ms));
                overHttp.AddRange(http.Select(r => r.Ms));
                bookingSpread.AddRange(spread.Select(r => r.Ms));
                registering.AddRange(registered.Select(r => r.Ms));
                registeringSpread.AddRange(one.Select(r => r.Ms));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"| {rounds} rounds after {warmUps} to warm up | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row($"{bookers} book the same slot at once", booking);
        Row($"{bookers} book {bookers} different slots at once", bookingSpread);
        Row($"{bookers} book the same slot at once over HTTP (201 or 409)", overHttp);
        Row($"{registrants} register for one occurrence (capacity 50) at once", registering);
        Row($"{registrants} register for {registrants} different occurrences at once", registeringSpread);
        Console.WriteLine(failed ? "FAILED: a guarantee did not hold (see the rounds above)." : "Every round: exactly one booking, exactly 50 places, the waiting list in arrival order.");
        return failed ? 1 : 0;
    }

    /// <summary>A refused booking as the other refusals: thrown, so the caller counts it as "taken".</summary>
    private static async Task Booked(Task<BookingOutcome> booking)
    {
        if ((await booking).Refusal is { } refusal)
        {
            throw refusal;
        }
    }

    private static Actor Resident() => new(Guid.CreateVersion7(), ["resident"], []);

    private static string InstantText(Instant instant) => instant.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    private static void Row(string name, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Measurements.Percentile(times, 50):N1} ms | {Measurements.Percentile(times, 95):N1} ms | {Measurements.Percentile(times, 99):N1} ms | {times[^1]:N1} ms |"));
    }

    /// <summary>Starts <paramref name="count"/> calls of the use case together (each its own scope and connection) and times each.</summary>
    private static Task<List<(string Outcome, double Ms)>> AllAtOnceAsync<TUseCase>(
        ServiceFactory<CalendarDbContext> service, int count, Func<TUseCase, int, Task> call)
        where TUseCase : notnull =>
        TogetherAsync(count, async (n, start) =>
        {
            await using var scope = service.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
            var useCase = scope.ServiceProvider.GetRequiredService<TUseCase>();
            await start;
            var clock = Stopwatch.GetTimestamp();
            try
            {
                await call(useCase, n);
                return ("done", Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
            }
            catch (RuleException e) when (e.Kind == RuleKind.Conflict)
            {
                return ("taken", Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
            }
        });

    /// <summary>
    /// Sends <paramref name="count"/> bookings of one slot together over HTTP (the client's connections
    /// warmed by the rounds before) and times each from the start to its answer.
    /// </summary>
    private static Task<List<(string Outcome, double Ms)>> AllOverHttpAsync(HttpClient client, int count, Guid officeHour, string slot) =>
        TogetherAsync(count, async (_, start) =>
        {
            await start;
            var clock = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/calendar/v1/bookings", new { officeHourId = officeHour, start = slot });
            var outcome = response.StatusCode switch { HttpStatusCode.Created => "done", HttpStatusCode.Conflict => "taken", var other => ((int)other).ToString(CultureInfo.InvariantCulture) };
            return (outcome, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
        });

    /// <summary>
    /// Runs <paramref name="count"/> callers that each get ready, await the start, and time their call;
    /// the start is given once all have had 200 ms to get ready. Awaited, not waited on: every caller is
    /// a continuation queued when the start is given, so no thread-pool thread is held before it (as a
    /// burst of real HTTP requests holds none).
    /// </summary>
    private static async Task<List<(string Outcome, double Ms)>> TogetherAsync(int count, Func<int, Task, Task<(string Outcome, double Ms)>> caller)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(n => Task.Run(() => caller(n, start.Task))).ToList();
        await Task.Delay(200);
        start.SetResult();
        return [.. await Task.WhenAll(calls)];
    }

    /// <summary>The slot every booker of a rush wants: the first of the office hour's first session.</summary>
    private const string RushSlot = "2027-03-02T06:00+01:00";

    private const int SlotMinutes = 5;

    /// <summary>A new host's weekly office hour (two sessions from 06:00) with a slot for every booker; one per round.</summary>
    private static async Task<Guid> OfficeHourAsync(ServiceFactory<CalendarDbContext> service, string tenant, int round, int slots)
    {
        var zone = LocalTimes.Zone("Europe/Amsterdam");
        var start = new LocalDateTime(2027, 3, 2, 6, 0);
        var plan = new OfficeHourPlan(tenant == Tenant ? Guid.CreateVersion7() : Demo.Zuid, new OfficeHost("wijkwethouder", $"Wethouder {round}"), zone, start,
            start.PlusMinutes(SlotMinutes * slots), new RecurrenceRequest(Frequency.Weekly, 1, [], 2, null), SlotMinutes, 0, null, null, 0, 366, []);
        var officeHour = OfficeHour.Schedule(tenant, Guid.CreateVersion7(), plan, Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        await service.Services.CreateAsyncScope().ServiceProvider.InTenant(tenant, db =>
        {
            db.OfficeHours.Add(officeHour);
            return db.SaveChangesAsync();
        });
        return officeHour.Id;
    }

    /// <summary>One-off activities at <paramref name="start"/> that take registrations.</summary>
    private static async Task<List<Guid>> ActivitiesAsync(ServiceFactory<CalendarDbContext> service, LocalDateTime start, int count, int capacity)
    {
        var zone = LocalTimes.Zone("Europe/Amsterdam");
        var activities = Enumerable.Range(0, count).Select(n => Activity.Schedule(Tenant, Guid.CreateVersion7(),
            new ActivityPlan($"Buurtmaaltijd {n}", "Samen eten.", Guid.CreateVersion7(), ActivityKind.Activity, Visibility.Public, null, zone,
                start, start.PlusHours(2), null, null, null, capacity, null), Guid.CreateVersion7(), DateTimeOffset.UtcNow)).ToList();
        await service.Services.CreateAsyncScope().ServiceProvider.InTenant(db =>
        {
            db.Activities.AddRange(activities);
            return db.SaveChangesAsync();
        });
        return [.. activities.Select(a => a.Id)];
    }

    private static Task<T> InTenant<T>(this IServiceProvider services, Func<CalendarDbContext, Task<T>> work) => services.InTenant(Tenant, work);

    private static async Task<T> InTenant<T>(this IServiceProvider services, string tenant, Func<CalendarDbContext, Task<T>> work)
    {
        services.GetRequiredService<TenantContext>().Set(tenant);
        return await work(services.GetRequiredService<CalendarDbContext>());
    }
}

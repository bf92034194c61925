using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Contracts;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// The demo municipalities' agenda ("Demo:Enabled", Development only), with fixed ids so the README
/// can name them: in Hilversum a weekly coffee morning in De Geus (Zuid) and a monthly meeting of
/// the Zuid wijkteam (network only, hybrid); in Voorbeeldstad a monthly shared meal in Noord that
/// takes registrations; a weekly cooking evening in Zuid (Fridays) with twelve places; the wijkwethouder's
/// monthly office hour in Zuid and the wijkregisseur's in Voorbeeldstad Noord (bookable slots); the
/// wijkagent of Zuid's weekly office hour (hosted by the function, at contacts' venue Lopes Dias; walk-in, then slots).
/// Series start in the coming week or month and run to the horizon. Idempotent.
/// </summary>
internal sealed class DemoActivities(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public static readonly Guid CoffeeMorning = Guid.Parse("0193a0c0-0000-7000-8000-00000000c0ff");
    public static readonly Guid WijkteamZuid = Guid.Parse("0193a0c0-0000-7000-8000-0000000057e4");
    public static readonly Guid SharedMeal = Guid.Parse("0193a0c0-0000-7000-8000-0000000e7e11");
    public static readonly Guid CookingZuid = Guid.Parse("0193a0c0-0000-7000-8000-00000000c00c");
    public static readonly Guid AldermanZuid = Guid.Parse("0193a0c0-0000-7000-8000-0000000a1de7");
    public static readonly Guid DirectorNoord = Guid.Parse("0193a0c0-0000-7000-8000-0000000d1e7c");
    public static readonly Guid WijkagentZuid = Guid.Parse("0193a0c0-0000-7000-8000-0000000a9e17");

    /// <summary>Contacts' demo venue Buurthuis Lopes Dias (its fixed id there); its details come with the copy.</summary>
    private static readonly Guid s_lopesDias = Guid.Parse("0193a0c0-0000-7000-8000-00000010e5d1");

    private static readonly Guid s_zuid = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");
    private static readonly Guid s_voorbeeldstadNoord = Guid.Parse("40437c71-c350-5967-8430-06f36ad69767");

    /// <summary>Demo data has no author among the accounts; this id says so.</summary>
    private static readonly Guid s_demo = Guid.Parse("0193a0c0-0000-7000-8000-00000000de70");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
        var zone = scope.ServiceProvider.GetRequiredService<TimeZones>().Of("hilversum");
        var now = time.GetUtcNow();
        var today = LocalTimes.Today(now, zone);
        var tuesday = today.Next(IsoDayOfWeek.Tuesday);
        var thursday = FirstOfMonth(today, IsoDayOfWeek.Thursday);
        var friday = LastOfMonth(today, IsoDayOfWeek.Friday);
        var plans = new (string Tenant, Guid Id, ActivityPlan Plan)[]
        {
            ("hilversum", CoffeeMorning, new ActivityPlan(
                "Koffieochtend in De Geus", "Elke dinsdag koffie, thee en een praatje met buurtgenoten. Iedereen is welkom, aanmelden hoeft niet.",
                s_zuid, ActivityKind.Activity, Visibility.Public, Theme.Sociaal, zone, tuesday.At(new LocalTime(10, 0)), tuesday.At(new LocalTime(11, 30)),
                new RecurrenceRequest(Frequency.Weekly, 1, ["TU"], null, null),
                new Venue("Wijkcentrum De Geus", "Hilversum Zuid", 52.2166, 5.1736), null, null, null)),
            ("hilversum", WijkteamZuid, new ActivityPlan(
                "Overleg wijkteam Zuid", "Maandelijks overleg van de wijkregisseur, de wijkagent, Versa Welzijn en de woningcorporaties over signalen uit de wijk.",
                s_zuid, ActivityKind.NetworkMeeting, Visibility.Network, null, zone, thursday.At(new LocalTime(14, 0)), thursday.At(new LocalTime(15, 30)),
                new RecurrenceRequest(Frequency.Monthly, 1, ["1TH"], null, null),
                new Venue("Wijkcentrum De Geus", "Hilversum Zuid", 52.2166, 5.1736), new Uri("https://meet.example.nl/wijkteam-zuid"), null, null)),
            ("voorbeeldstad", SharedMeal, new ActivityPlan(
                "Buurtmaaltijd Noord", "Samen koken en eten, de laatste vrijdag van de maand. Aanmelden graag: er zijn veertig plaatsen.",
                s_voorbeeldstadNoord, ActivityKind.Activity, Visibility.Public, Theme.Sociaal, zone, friday.At(new LocalTime(18, 0)), friday.At(new LocalTime(20, 0)),
                new RecurrenceRequest(Frequency.Monthly, 1, ["-1FR"], null, null),
                new Venue("Buurthuis Noord", "Voorbeeldstad", null, null), null, 40, null)),
        };
        var nextFriday = today.Next(IsoDayOfWeek.Friday);
        plans = [.. plans, ("hilversum", CookingZuid, new ActivityPlan(
            "Samen koken in De Geus", "Elke vrijdag koken we samen en eten we met de buurt. Twaalf plaatsen: meld je aan, dan weten we hoeveel we inkopen.",
            s_zuid, ActivityKind.Activity, Visibility.Public, Theme.Sociaal, zone, nextFriday.At(new LocalTime(17, 30)), nextFriday.At(new LocalTime(19, 30)),
            new RecurrenceRequest(Frequency.Weekly, 1, ["FR"], null, null),
            new Venue("Wijkcentrum De Geus", "Hilversum Zuid", 52.2166, 5.1736), null, 12, null))];
        foreach (var (tenant, id, plan) in plans)
        {
            if (!await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Id == id, cancellationToken))
            {
                db.Activities.Add(Activity.Schedule(tenant, id, plan, s_demo, now));
            }
        }
        // The wijkwethouder's office hour in Zuid, the first Monday of the month; the director's in Voorbeeldstad Noord, the second Thursday.
        var monday = FirstOfMonth(today, IsoDayOfWeek.Monday);
        var noordThursday = FirstOfMonth(today, IsoDayOfWeek.Thursday).PlusWeeks(1);

        var officeHours = new (string Tenant, Guid Id, OfficeHourPlan Plan)[]
        {
            ("hilversum", AldermanZuid, new OfficeHourPlan(s_zuid, new OfficeHost("wijkwethouder", "Peter Bakker"), zone,
                monday.At(new LocalTime(16, 0)), monday.At(new LocalTime(17, 30)), new RecurrenceRequest(Frequency.Monthly, 1, ["1MO"], null, null),
                15, 5, new Venue("Wijkcentrum De Geus", "Hilversum Zuid", 52.2166, 5.1736), null, 24, 60, [])),
            ("voorbeeldstad", DirectorNoord, new OfficeHourPlan(s_voorbeeldstadNoord, new OfficeHost("wijkregisseur", "Anouk Dekker"), zone,
                noordThursday.At(new LocalTime(10, 0)), noordThursday.At(new LocalTime(12, 0)), new RecurrenceRequest(Frequency.Monthly, 1, ["2TH"], null, null),
                20, 10, new Venue("Buurthuis Noord", "Voorbeeldstad", null, null), new Uri("https://meet.example.nl/spreekuur-noord"), 24, 60, [])),
            // Hosted by the function: whoever is the wijkagent of Zuid that Tuesday (contacts' assignments); walk-in first, then slots.
            ("hilversum", WijkagentZuid, new OfficeHourPlan(s_zuid, new OfficeHost("wijkagent", null), zone,
                tuesday.At(new LocalTime(19, 0)), tuesday.At(new LocalTime(20, 30)), new RecurrenceRequest(Frequency.Weekly, 1, ["TU"], null, null),
                15, 0, new Venue("Buurthuis Lopes Dias", null, null, null), null, 24, 60, [], WalkInMinutes: 30,
                VenueId: s_lopesDias)),
        };
        foreach (var (tenant, id, plan) in officeHours)
        {
            if (!await db.OfficeHours.IgnoreQueryFilters().AnyAsync(o => o.Id == id, cancellationToken))
            {
                var officeHour = OfficeHour.Schedule(tenant, id, plan, s_demo, now);
                // The hosts by function are named when the copy of the assignments arrives (which publishes the sessions again).
                officeHour.PublishSessions(HostRoster.Empty, now);
                db.OfficeHours.Add(officeHour);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The first such weekday of the next month that has one after today.</summary>
    private static LocalDate FirstOfMonth(LocalDate today, IsoDayOfWeek day)
    {
        for (var month = new LocalDate(today.Year, today.Month, 1); ; month = month.PlusMonths(1))
        {
            var first = month.DayOfWeek == day ? month : month.Next(day);
            if (first > today)
            {
                return first;
            }
        }
    }

    /// <summary>The last such weekday of the first month that has one after today.</summary>
    private static LocalDate LastOfMonth(LocalDate today, IsoDayOfWeek day)
    {
        for (var month = new LocalDate(today.Year, today.Month, 1); ; month = month.PlusMonths(1))
        {
            var end = month.PlusMonths(1).PlusDays(-1);
            var last = end.DayOfWeek == day ? end : end.Previous(day);
            if (last > today)
            {
                return last;
            }
        }
    }
}

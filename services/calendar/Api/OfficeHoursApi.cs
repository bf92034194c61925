using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Calendar.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Buurt.Calendar.Api;

/// <summary>Who holds an office hour: a person in a function, or the function itself (no name: whoever holds it in the wijk that day).</summary>
public sealed record HostDto
{
    /// <summary>The function: wijkwethouder, wijkregisseur, wijkagent, maatschappelijk werker, ...; by function, contacts' key of it.</summary>
    [Required, StringLength(OfficeHost.MaxLength, MinimumLength = 1)]
    public string? Function { get; init; }

    /// <summary>The person's name, shown with it. Left out: the host is the function (<c>byFunction</c>); answers name its holder of the day, or none.</summary>
    [StringLength(OfficeHost.MaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>In answers: the host is the function, whoever holds it on the date.</summary>
    public bool ByFunction { get; init; }

    public static HostDto Of(OfficeHost host, bool byFunction) => new() { Function = host.Function, Name = host.Name, ByFunction = byFunction };

    /// <summary>An activity's host of a date (always by function); null without one.</summary>
    public static HostDto? Of(OfficeHost? host) => host is null ? null : Of(host, byFunction: true);
}

/// <summary>An office hour to schedule. Times are wall times in its zone (<c>2026-12-07T19:00</c>), like an activity's.</summary>
public sealed record OfficeHourRequest
{
    [Required]
    public Guid? AreaId { get; init; }

    [Required]
    public HostDto? Host { get; init; }

    /// <summary>Optional IANA zone (default: the municipality's).</summary>
    [StringLength(60)]
    public string? TimeZone { get; init; }

    /// <summary>The first session's start, local.</summary>
    [Required, StringLength(19)]
    public string? Start { get; init; }

    /// <summary>The first session's end, local, the same day.</summary>
    [Required, StringLength(19)]
    public string? End { get; init; }

    /// <summary>How the sessions repeat (as an activity's); none: one session.</summary>
    public RecurrenceDto? Recurrence { get; init; }

    /// <summary>Minutes per bookable slot; left out: the sessions are walk-in only.</summary>
    [Range(5, OfficeHour.MaxSlotMinutes)]
    public int? SlotMinutes { get; init; }

    /// <summary>A walk-in part at the start of each session, in minutes (default 0); the slots follow it.</summary>
    [Range(0, 24 * 60)]
    public int? WalkInMinutes { get; init; }

    /// <summary>Minutes between slots (default 0).</summary>
    [Range(0, OfficeHour.MaxBufferMinutes)]
    public int? BufferMinutes { get; init; }

    public VenueDto? Location { get; init; }

    /// <summary>Instead of a location: a venue of the network (/api/contacts/v1/venues); its name, address and point are copied and kept current.</summary>
    public Guid? VenueId { get; init; }

    [StringLength(Activity.OnlineUrlMaxLength)]
    public string? OnlineUrl { get; init; }

    /// <summary>A slot is booked at least this many hours ahead (default 24).</summary>
    [Range(0, OfficeHour.MaxNoticeHours)]
    public int? MinimumNoticeHours { get; init; }

    /// <summary>A slot is booked at most this many days ahead (default 60).</summary>
    [Range(1, OfficeHour.MaxHorizonDays)]
    public int? HorizonDays { get; init; }

    /// <summary>Dates without slots (the host is away): 2027-01-12.</summary>
    [MaxLength(OfficeHour.MaxBlockedDates)]
    public IReadOnlyList<string>? BlockedDates { get; init; }

    /// <summary>
    /// Only for a change (PUT): cancel the coming bookings the new plan has no slot or host for (each
    /// resident is told "Het spreekuur is gewijzigd."). Without it such a change is a 400 naming this field.
    /// </summary>
    public bool? CancelBookings { get; init; }
}

/// <summary>An office hour as clients see it.</summary>
public sealed record OfficeHourResponse(
    Guid Id,
    Guid AreaId,
    HostDto Host,
    string TimeZone,
    string Start,
    string End,
    DateTimeOffset StartsAt,
    RecurrenceResponse? Recurrence,
    string Mode,
    int WalkInMinutes,
    int? SlotMinutes,
    int BufferMinutes,
    VenueDto? Location,
    Guid? VenueId,
    string? OnlineUrl,
    int MinimumNoticeHours,
    int HorizonDays,
    IReadOnlyList<string> BlockedDates,
    int Sequence,
    IReadOnlyList<Guid>? CancelledBookings = null)
{
    /// <summary>The office hour with its host of today (by function: today's holder).</summary>
    public static OfficeHourResponse From(OfficeHour o, HostRoster roster, DateTimeOffset now) => new(
        o.Id, o.AreaId, HostDto.Of(o.HostOn(LocalTimes.Today(now, o.Zone), roster), o.HostByFunction), o.TimeZone, LocalTimes.Format(o.Start), LocalTimes.Format(o.End),
        LocalTimes.WithOffset(LocalTimes.InstantOf(o.Start, o.Zone), o.Zone),
        RecurrenceResponse.From(o.Recurrence, o.Zone),
        ModeName(o.Mode), o.WalkInMinutes, o.SlotMinutes == 0 ? null : o.SlotMinutes, o.BufferMinutes, VenueDto.From(o.Venue), o.VenueId, o.OnlineUrl, o.MinimumNoticeHours, o.HorizonDays,
        [.. o.BlockedDates.Select(LocalTimes.Format)], o.Sequence);

    /// <summary><c>walk-in</c>, <c>bookable</c> or <c>both</c>.</summary>
    public static string ModeName(OfficeHourMode mode) => ModeNames.Of(mode);
}

/// <summary>A slot: its instants with offset; <c>available</c> when it can be booked now, else <c>state</c> says why (taken, past, too-soon, beyond-horizon).</summary>
public sealed record SlotItem(DateTimeOffset Start, DateTimeOffset End, bool Available, string State);

/// <summary>The slots of a period.</summary>
public sealed record SlotList(IReadOnlyList<SlotItem> Items);

/// <summary>/api/calendar/v1/office-hours: spreekuren of a wijk's hosts, their slots and blocked dates.</summary>
public static class OfficeHoursApi
{
    public const int DefaultNoticeHours = 24;
    public const int DefaultHorizonDays = 60;

    public static void MapOfficeHours(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/office-hours").WithTags("Office hours");
        group.MapPost("", Schedule).WithName("ScheduleOfficeHour").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Schedule an office hour of a host in a wijk (its planners): sessions in local time, walk-in, cut into slots, or a walk-in part followed by slots.")
            .ProducesValidationProblem().ProducesProblem(403);
        group.MapPut("/{id:guid}", Change).WithName("ChangeOfficeHour").RequireAuthorization().WithIdempotencyKey()
            .WithSummary("Change an office hour (its new state, as scheduled; it stays in its wijk). Coming bookings keep their slot when the new plan has it with the same host; " +
                "the others are cancelled only with cancelBookings: true (the residents are told), else 400 naming cancelBookings.")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("", List).WithName("ListOfficeHours").WithSummary("The office hours, of one wijk or all, paged.");
        group.MapGet("/{id:guid}", Get).WithName("GetOfficeHour").ProducesProblem(404);
        group.MapGet("/{id:guid}/slots", Slots).WithName("ListSlots")
            .WithSummary("The slots of the sessions from one date to another (default the coming month): available, or why not. Holidays and blocked dates have none.")
            .ProducesValidationProblem().ProducesProblem(404);
        group.MapPut("/{id:guid}/blocked-dates/{date}", (Guid id, string date, ClaimsPrincipal user, OfficeHours officeHours, TimeProvider time, CancellationToken ct) =>
                BlockAsync(id, date, true, user, officeHours, time, ct)).WithName("BlockDate").RequireAuthorization()
            .WithSummary("The host is away on a date: it has no slots (bookings on it stay until cancelled).");
        group.MapDelete("/{id:guid}/blocked-dates/{date}", (Guid id, string date, ClaimsPrincipal user, OfficeHours officeHours, TimeProvider time, CancellationToken ct) =>
                BlockAsync(id, date, false, user, officeHours, time, ct)).WithName("UnblockDate").RequireAuthorization();
    }

    private static async Task<Created<OfficeHourResponse>> Schedule(
        OfficeHourRequest request, ClaimsPrincipal user, OfficeHours officeHours, TimeZones zones, ITenantContext tenant, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (officeHour, roster) = await officeHours.ScheduleAsync(PlanOf(request, zones.Of(tenant.RequiredTenantId)), Caller.Of(user), cancellationToken);
        return TypedResults.Created($"/api/calendar/v1/office-hours/{officeHour.Id}", OfficeHourResponse.From(officeHour, roster, time.GetUtcNow()));
    }

    private static async Task<Ok<OfficeHourResponse>> Change(
        Guid id, OfficeHourRequest request, ClaimsPrincipal user, OfficeHours officeHours, TimeZones zones, ITenantContext tenant, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (officeHour, roster, cancelled) = await officeHours.ChangeAsync(id, PlanOf(request, zones.Of(tenant.RequiredTenantId)), request.CancelBookings == true,
            Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OfficeHourResponse.From(officeHour, roster, time.GetUtcNow()) with { CancelledBookings = [.. cancelled.Select(b => b.Id)] });
    }

    /// <summary>The request as the domain's plan: its times read in its zone (the municipality's unless it names one).</summary>
    private static OfficeHourPlan PlanOf(OfficeHourRequest request, DateTimeZone municipalityZone)
    {
        var zone = request.TimeZone is { Length: > 0 } id ? LocalTimes.Zone(id) : municipalityZone;
        return new OfficeHourPlan(
            request.AreaId!.Value, new OfficeHost(request.Host!.Function!, request.Host.Name), zone,
            LocalTimes.Parse(request.Start, "start"), LocalTimes.Parse(request.End, "end"), ActivitiesApi.RecurrenceOf(request.Recurrence),
            request.SlotMinutes, request.BufferMinutes ?? 0, ActivitiesApi.VenueOf(request.Location), ActivitiesApi.OnlineUrlOf(request.OnlineUrl),
            request.MinimumNoticeHours ?? DefaultNoticeHours, request.HorizonDays ?? DefaultHorizonDays,
            [.. (request.BlockedDates ?? []).Select(d => LocalTimes.ParseDate(d, "blockedDates"))], request.WalkInMinutes ?? 0,
            ActivitiesApi.VenueIdOf(request.VenueId, request.Location));
    }

    private static async Task<Ok<PagedList<OfficeHourResponse>>> List(
        Guid? areaId, [AsParameters] PageRequest page, CalendarDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = db.OfficeHours.AsNoTracking();
        if (areaId is { } area)
        {
            query = query.Where(o => o.AreaId == area);
        }
        var officeHours = await query.OrderBy(o => o.HostFunction).ThenBy(o => o.Id).ToPageAsync(page, o => o, cancellationToken);
        var roster = await db.RosterForAsync(officeHours.Items, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PagedList<OfficeHourResponse>([.. officeHours.Items.Select(o => OfficeHourResponse.From(o, roster, now))],
            officeHours.Page, officeHours.PageSize, officeHours.Total));
    }

    private static async Task<Ok<OfficeHourResponse>> Get(Guid id, CalendarDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var officeHour = await db.FindOfficeHourAsync(id, cancellationToken);
        return TypedResults.Ok(OfficeHourResponse.From(officeHour, await db.RosterForAsync([officeHour], cancellationToken), time.GetUtcNow()));
    }

    private static async Task<Ok<SlotList>> Slots(Guid id, string? from, string? to, OfficeHours officeHours, CancellationToken cancellationToken)
    {
        var (officeHour, slots) = await officeHours.SlotsAsync(id, from is null ? null : LocalTimes.ParseDate(from, "from"),
            to is null ? null : LocalTimes.ParseDate(to, "to"), cancellationToken);
        var zone = officeHour.Zone;
        return TypedResults.Ok(new SlotList([.. slots.Select(s =>
            new SlotItem(LocalTimes.WithOffset(s.Slot.Start, zone), LocalTimes.WithOffset(s.Slot.End, zone), s.Available, s.State))]));
    }

    private static async Task<IResult> BlockAsync(Guid id, string date, bool blocked, ClaimsPrincipal user, OfficeHours officeHours, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (officeHour, roster) = await officeHours.BlockAsync(id, LocalTimes.ParseDate(date, "date"), blocked, Caller.Of(user), cancellationToken);
        return TypedResults.Ok(OfficeHourResponse.From(officeHour, roster, time.GetUtcNow()));
    }
}

using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Contracts.Contacts;
using Buurt.Contracts.Initiatives;
using Buurt.Messaging;

namespace Buurt.Calendar.Messaging;

/// <summary>
/// At start, for every municipality identity knows, asks contacts for its venues and assignments
/// (<see cref="NetworkReplayRequested"/>: what was published before the calendar's queues existed) and
/// initiatives (the owner of the holidays) for
/// the whole list with <see cref="HolidaysRequested"/> through the outbox; initiatives answers with a
/// <c>HolidaysChanged</c> of its current list. So a calendar that missed a change (its queue did not
/// exist yet, or a message was lost to an operator's purge) is right again after its next start,
/// and a request made while initiatives is down waits in initiatives' queue.
/// </summary>
public sealed class HolidaysCatchUp(IServiceScopeFactory scopes, TimeProvider time, IHttpClientFactory http, IConfiguration configuration, ILogger<HolidaysCatchUp> logger)
    : IdentityCatchUp(http, configuration, logger)
{
    protected override string What => "The municipalities (to ask for their holidays)";

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalendarDbContext>();
        var now = time.GetUtcNow();
        db.AddIntegrationEvent(new HolidaysRequested(tenant, Guid.CreateVersion7(now), now, "calendar"));
        db.AddIntegrationEvent(new NetworkReplayRequested(tenant, Guid.CreateVersion7(now), now, "calendar"));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Registers the holidays' catch-up (readiness waits until the requests are in the outbox).</summary>
public static class HolidaysCatchUpSetup
{
    public static IHostApplicationBuilder AddHolidaysCatchUp(this IHostApplicationBuilder builder) =>
        builder.AddIdentityCatchUp<HolidaysCatchUp>("holidays-requested");
}

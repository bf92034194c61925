using Buurt.AreaCopy;
using Buurt.Calendar.Data;
using Buurt.Contracts.Contacts;
using Buurt.Contracts.Initiatives;

namespace Buurt.Calendar.Messaging;

/// <summary>
/// At start, for every municipality identity knows, the calendar asks the owners of what it copies
/// to tell it all again, through the outbox: initiatives for the holidays (<see cref="HolidaysRequested"/>,
/// answered with a <c>HolidaysChanged</c> of the current list) and contacts for its venues and
/// assignments (<see cref="NetworkReplayRequested"/>). So a calendar that missed an event (its queue
/// did not exist yet, a message lost to an operator's purge) is right again after its next start.
/// </summary>
public static class CopyRequests
{
    public static IHostApplicationBuilder AddCopyRequests(this IHostApplicationBuilder builder) =>
        builder.AddRequestsAtStart<CalendarDbContext>("copies-requested", "The municipalities (to ask for their holidays, venues and hosts)", (tenant, now) =>
            [new HolidaysRequested(tenant, Guid.CreateVersion7(now), now, "calendar"), new NetworkReplayRequested(tenant, Guid.CreateVersion7(now), now, "calendar")]);
}

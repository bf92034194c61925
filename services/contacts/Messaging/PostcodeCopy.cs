using Buurt.AreaCopy;
using Buurt.Contacts.Data;
using Buurt.Contracts.Calendar;
using Buurt.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Messaging;

/// <summary>
/// Contacts' copy of identity's postcode ranges, so "who do I talk to" finds the wijk of a postcode
/// without calling identity: <see cref="PostcodeRangeAdded"/> adds a range, and at start the
/// catch-up adds what was published before the queue existed (it removes nothing: a range removed
/// while contacts was down stays until <see cref="PostcodeRangeRemoved"/> arrives from the outbox). Kept in contacts' own table, not in
/// the shared area copy: the other services have no use for it.
/// </summary>
public sealed class PostcodeRangeAddedConsumer(ContactsDbContext db) : IConsumer<PostcodeRangeAdded>
{
    public async Task Consume(ConsumeContext<PostcodeRangeAdded> context)
    {
        var e = context.Message;
        if (!await db.PostcodeRanges.AnyAsync(r => r.From == e.From, context.CancellationToken))
        {
            db.PostcodeRanges.Add(new CopiedPostcodeRange(e.TenantId, e.From, e.To, e.AreaId));
        }
    }
}

/// <summary><see cref="PostcodeRangeRemoved"/>: the range's postcodes no longer lie in its wijk.</summary>
public sealed class PostcodeRangeRemovedConsumer(ContactsDbContext db) : IConsumer<PostcodeRangeRemoved>
{
    public async Task Consume(ConsumeContext<PostcodeRangeRemoved> context)
    {
        var e = context.Message;
        db.PostcodeRanges.RemoveRange(await db.PostcodeRanges.Where(r => r.From == e.From && r.AreaId == e.AreaId).ToListAsync(context.CancellationToken));
    }
}

/// <summary>Reads identity's public postcode list of every municipality once at start and adds the ranges the copy lacks.</summary>
internal sealed class PostcodeCatchUp(IServiceScopeFactory scopes, IHttpClientFactory http, IConfiguration configuration, ILogger<PostcodeCatchUp> logger)
    : IdentityCatchUp(http, configuration, logger)
{
    protected override string What => "The postcode ranges";

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        var ranges = await ReadAsync<PostcodeRangeList>(identity, "api/identity/v1/postcodes", tenant, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var known = await db.PostcodeRanges.IgnoreQueryFilters().Where(r => r.TenantId == tenant).Select(r => r.From).ToListAsync(cancellationToken);
        db.PostcodeRanges.AddRange((ranges?.Items ?? []).Where(r => !known.Contains(r.From)).Select(r => new CopiedPostcodeRange(tenant, r.From, r.To, r.AreaId)));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Registers what the contacts service consumes and copies.</summary>
public static class MessagingSetup
{
    /// <summary>The consumers: the area copy's, the postcode copy's, the office hours' copy and the calendar's request for the network.</summary>
    public static IBusRegistrationConfigurator AddContactsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddAreaCopyConsumers();
        bus.AddConsumer<PostcodeRangeAddedConsumer>();
        bus.AddConsumer<PostcodeRangeRemovedConsumer>();
        bus.AddConsumer<OfficeHourSessionsPlannedConsumer>();
        bus.AddConsumer<NetworkReplayRequestedConsumer>();
        return bus;
    }

    /// <summary>
    /// At start, for every municipality identity knows, contacts asks the calendar for its office hours
    /// (<see cref="OfficeHoursRequested"/>, through the outbox), so sessions published before contacts'
    /// queue existed reach the copy; readiness ("office-hours-requested") waits until the requests are in the outbox.
    /// </summary>
    public static IHostApplicationBuilder AddOfficeHoursCatchUp(this IHostApplicationBuilder builder) =>
        builder.AddRequestsAtStart<ContactsDbContext>("office-hours-requested", "The municipalities (to ask the calendar for their office hours)",
            (tenant, now) => [new OfficeHoursRequested(tenant, Guid.CreateVersion7(now), now, "contacts")]);

    /// <summary>The postcode copy's catch-up at start; readiness ("postcodes") waits for it.</summary>
    public static IHostApplicationBuilder AddPostcodeCopy(this IHostApplicationBuilder builder) =>
        builder.AddIdentityCatchUp<PostcodeCatchUp>("postcodes");
}

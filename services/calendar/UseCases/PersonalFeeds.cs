using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.UseCases;

/// <summary>The address of a person's private feed: made (replacing the old one) or revoked.</summary>
public sealed class PersonalFeeds(CalendarDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<(FeedToken Feed, string Token)> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        var me = actor.Id;
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await db.FeedTokens.Where(f => f.AccountId == me).ExecuteDeleteAsync(cancellationToken);
        var created = FeedToken.Create(tenant.RequiredTenantId, me, time.GetUtcNow());
        db.FeedTokens.Add(created.Feed);
        await write.CommitAsync(cancellationToken);
        return created;
    }

    public Task RevokeAsync(Actor actor, CancellationToken cancellationToken)
    {
        var me = actor.Id;
        return db.FeedTokens.Where(f => f.AccountId == me).ExecuteDeleteAsync(cancellationToken);
    }
}

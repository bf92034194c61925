using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>The municipality's own lists: its functions (with their contact points), its topics and where each question goes.</summary>
public sealed class NetworkSettings(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>Adds or renames a function (tenant admin); true when it is new.</summary>
    public async Task<(Function Function, bool Created)> DefineFunctionAsync(string key, string name, int? position, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireTenantAdmin();
        key = Text.Key(key, "key");
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Key == key, cancellationToken);
        var created = function is null;
        if (function is null)
        {
            var last = await db.Functions.MaxAsync(f => (int?)f.Position, cancellationToken) ?? 0;
            function = Function.Define(tenant.RequiredTenantId, key, name, position ?? last + 10);
            db.Functions.Add(function);
        }
        else
        {
            function.Rename(name, position ?? function.Position);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (function, created);
    }

    /// <summary>
    /// A contact point of the function (its general number, the mailbox of its holder in one wijk),
    /// which stays when the holder changes. A wijk's is kept by its director, one for every wijk by the admin.
    /// </summary>
    public async Task<ContactPoint> AddFunctionContactPointAsync(string key, Guid? areaId, NewContactPoint point, Viewer viewer, CancellationToken cancellationToken)
    {
        var function = await db.FunctionAsync(key, "key", cancellationToken);
        if (areaId is { } wijk)
        {
            await RequireWijkAsync(wijk, "areaId", cancellationToken);
            viewer.RequireKeeperOf([wijk]);
        }
        else
        {
            viewer.RequireTenantAdmin();
        }
        var added = ContactPoint.OfFunction(tenant.RequiredTenantId, function.Key, areaId, point.Kind, point.Value, point.Visibility, point.Label, time.GetUtcNow());
        db.ContactPoints.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>Adds or changes a topic (tenant admin); true when it is new.</summary>
    public async Task<(Topic Topic, bool Created)> DefineTopicAsync(string key, string name, Theme theme, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireTenantAdmin();
        key = Text.Key(key, "key");
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        var created = topic is null;
        if (topic is null)
        {
            topic = Topic.Define(tenant.RequiredTenantId, key, name, theme);
            db.Topics.Add(topic);
        }
        else
        {
            topic.Change(name, theme);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (topic, created);
    }

    /// <summary>
    /// Where a topic (none: the fallback) in a wijk (none: every wijk) goes: to a function or an
    /// organisation. The rule for that topic and wijk is replaced. A wijk's rules are kept by its
    /// director, the municipality's by the admin. True when the rule is new.
    /// </summary>
    public async Task<(RoutingRule Rule, bool Created)> SetRuleAsync(
        string? topicKey, Guid? areaId, string? functionKey, Guid? organisationId, Viewer viewer, CancellationToken cancellationToken)
    {
        var topic = topicKey is null ? null : (await db.TopicAsync(topicKey, "topic", cancellationToken)).Key;
        var function = functionKey is null ? null : (await db.FunctionAsync(functionKey, "function", cancellationToken)).Key;
        if (organisationId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id && o.EndedAt == null, cancellationToken))
        {
            throw RuleException.Invalid("organisationId", $"There is no organisation {id} in this municipality's network.");
        }
        if (areaId is { } wijk)
        {
            await RequireWijkAsync(wijk, "areaId", cancellationToken);
            viewer.RequireKeeperOf([wijk]);
        }
        else
        {
            viewer.RequireTenantAdmin();
        }
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.TopicKey == topic && r.AreaId == areaId, cancellationToken);
        var created = rule is null;
        if (rule is null)
        {
            rule = RoutingRule.Define(tenant.RequiredTenantId, topic, areaId, function, organisationId, time.GetUtcNow());
            db.RoutingRules.Add(rule);
        }
        else
        {
            rule.SendTo(function, organisationId);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (rule, created);
    }

    /// <summary>The function's own contact points (every wijk's and each wijk's), for the keepers who change them.</summary>
    public async Task<IReadOnlyList<ContactPoint>> FunctionContactPointsAsync(string key, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var function = await db.FunctionAsync(key, "key", cancellationToken);
        return await db.ContactPoints.AsNoTracking().Where(p => p.FunctionKey == function.Key)
            .OrderBy(p => p.AreaId != null).ThenBy(p => p.AreaId).ThenBy(p => p.Kind).ThenBy(p => p.Value).ToListAsync(cancellationToken);
    }

    /// <summary>Removes one of the function's points: a wijk's by its director, one for every wijk by the admin (as they are added).</summary>
    public async Task RemoveFunctionContactPointAsync(string key, Guid pointId, Viewer viewer, CancellationToken cancellationToken)
    {
        var point = await db.ContactPoints.FirstOrDefaultAsync(p => p.Id == pointId && p.FunctionKey == key, cancellationToken)
            ?? throw RuleException.NotFound($"The function {key} has no contact point {pointId}.");
        RequireKeeperOf(point.AreaId, viewer);
        db.ContactPoints.Remove(point);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveRuleAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw RuleException.NotFound($"There is no routing rule {id}.");
        RequireKeeperOf(rule.AreaId, viewer);
        db.RoutingRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RequireWijkAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        if (await db.WijkAsync(id, cancellationToken) is null)
        {
            throw RuleException.Invalid(field, $"There is no wijk {id} in this municipality.");
        }
    }

    /// <summary>What holds in one wijk is its director's (or the admin's); what holds in every wijk, the admin's.</summary>
    private static void RequireKeeperOf(Guid? wijk, Viewer viewer)
    {
        if (wijk is { } one)
        {
            viewer.RequireKeeperOf([one]);
        }
        else
        {
            viewer.RequireTenantAdmin();
        }
    }
}

using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>
/// Where a question goes: a topic in a wijk goes to a function (whoever holds it there that day)
/// or to an organisation. Without a topic it is a fallback, without a wijk it holds for every wijk:
/// the wijk's fallback is usually its wijkregisseur, the municipality's fallback its general contact.
/// One rule per topic and wijk (either may be "every").
/// </summary>
public sealed class RoutingRule
{
    private RoutingRule()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    /// <summary>The topic's key; null for the fallback.</summary>
    public string? TopicKey { get; private set; }

    /// <summary>The wijk; null for every wijk.</summary>
    public Guid? AreaId { get; private set; }

    public string? FunctionKey { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public static RoutingRule Define(string tenantId, string? topicKey, Guid? areaId, string? functionKey, Guid? organisationId, DateTimeOffset now)
    {
        var rule = new RoutingRule { Id = Guid.CreateVersion7(now), TenantId = tenantId, TopicKey = topicKey, AreaId = areaId };
        rule.SendTo(functionKey, organisationId);
        return rule;
    }

    /// <summary>A new target for the same topic and wijk: a function or an organisation, not both.</summary>
    public void SendTo(string? functionKey, Guid? organisationId)
    {
        if ((functionKey is null) == (organisationId is null))
        {
            throw RuleException.Invalid("function", "A rule sends to a function or to an organisation: give one of function and organisationId.");
        }
        FunctionKey = functionKey;
        OrganisationId = organisationId;
    }
}

/// <summary>Which rules answer a question, most specific first.</summary>
public static class Routing
{
    /// <summary>
    /// For <paramref name="topic"/> in <paramref name="wijk"/>: the rule for both, for the topic in
    /// every wijk, the wijk's fallback, the municipality's fallback (as far as they exist). Without a
    /// topic only the fallbacks. The first whose target has someone to talk to answers.
    /// </summary>
    public static IReadOnlyList<RoutingRule> Candidates(IEnumerable<RoutingRule> rules, string? topic, Guid wijk)
    {
        var all = rules.ToList();
        var order = new List<(string? Topic, Guid? Wijk)>();
        if (topic is not null)
        {
            order.Add((topic, wijk));
            order.Add((topic, null));
        }
        order.Add((null, wijk));
        order.Add((null, null));
        return [.. order.Select(o => all.FirstOrDefault(r => r.TopicKey == o.Topic && r.AreaId == o.Wijk)).OfType<RoutingRule>()];
    }
}

using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>
/// A person holds a function for an organisation in one or more wijken, from a day and optionally
/// until one (both included, local dates). One holder per function and wijk at a time: PostgreSQL
/// guarantees it (an exclusion constraint over the wijk rows), the use case says so first with a
/// 409 naming the field. A hand-over is a new assignment; the one it replaces ends the day before.
/// </summary>
public sealed class Assignment : Aggregate
{
    private readonly List<AssignmentArea> _areas = [];

    private Assignment()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid PersonId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string FunctionKey { get; private set; } = "";

    /// <summary>The first day.</summary>
    public DateOnly From { get; private set; }

    /// <summary>The last day, if known.</summary>
    public DateOnly? Until { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The wijken, one row each (the rows the exclusion constraint checks).</summary>
    public IReadOnlyList<AssignmentArea> Areas => _areas;

    public IEnumerable<Guid> AreaIds => _areas.Select(a => a.AreaId);

    public static Assignment Register(
        string tenantId, Person person, Organisation organisation, Function function, IReadOnlyCollection<Guid> areaIds, DateOnly from, DateOnly? until,
        DateTimeOffset now)
    {
        organisation.RequireActive();
        CheckPeriod(from, until);
        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            PersonId = person.Id,
            OrganisationId = organisation.Id,
            FunctionKey = function.Key,
            From = from,
            Until = until,
            RegisteredAt = now,
        };
        assignment.SetAreas(areaIds);
        assignment.Raise(new AssignmentRegistered(
            tenantId, Guid.CreateVersion7(now), now, assignment.Id, person.Id, person.Name, organisation.Id, function.Key, [.. assignment.AreaIds], from, until));
        return assignment;
    }

    /// <summary>Tells it as it is now (<see cref="AssignmentRegistered"/>, with its current wijken and end), when a copy catches up.</summary>
    public void Replay(string personName, DateTimeOffset now) =>
        Raise(new AssignmentRegistered(TenantId, Guid.CreateVersion7(now), now, Id, PersonId, personName, OrganisationId, FunctionKey, [.. AreaIds], From, Until));

    /// <summary>Whether the person holds it on <paramref name="day"/>.</summary>
    public bool IsOn(DateOnly day) => From <= day && (Until is null || day <= Until);

    /// <summary>Whether this and <paramref name="other"/> would give one function in one wijk two holders on some day.</summary>
    public bool Overlaps(Assignment other) =>
        other.Id != Id && other.FunctionKey == FunctionKey && other.AreaIds.Intersect(AreaIds).Any()
        && other.From <= (Until ?? DateOnly.MaxValue) && From <= (other.Until ?? DateOnly.MaxValue);

    /// <summary>Its last day is <paramref name="until"/> (on or after its first); the wijk rows follow.</summary>
    public void EndOn(DateOnly until, DateTimeOffset now)
    {
        CheckPeriod(From, until);
        Until = until;
        foreach (var area in _areas)
        {
            area.Until = until;
        }
        Raise(new AssignmentEnded(TenantId, Guid.CreateVersion7(now), now, Id, until));
    }

    /// <summary>
    /// <paramref name="successor"/> takes over from its first day: this one ends the day before. It
    /// must have begun by then (a hand-over of one that has not started is a 409 naming "from").
    /// </summary>
    public void HandOverTo(Assignment successor, DateTimeOffset now)
    {
        if (From >= successor.From)
        {
            throw Overlap("A hand-over starts after the assignment it takes over from began", this);
        }
        EndOn(successor.From.AddDays(-1), now);
    }

    public void ChangeAreas(IReadOnlyCollection<Guid> areaIds, DateTimeOffset now)
    {
        SetAreas(areaIds);
        Raise(new AssignmentChanged(TenantId, Guid.CreateVersion7(now), now, Id, [.. AreaIds]));
    }

    /// <summary>The 409 for two holders of one function in one wijk, naming "from" and, when known, the assignment in the way.</summary>
    public static RuleException Overlap(string why, Assignment? existing = null) => RuleException.Conflict(
        (existing is null ? why : $"{why}: assignment {existing.Id} ({existing.FunctionKey} from {existing.From:O}{(existing.Until is { } until ? $" until {until:O}" : "")})") +
        ". A hand-over is a new assignment with handOver: true (the current one then ends the day before); or end the current one first.",
        new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { ["from"] = [$"{why}."] },
            ["conflictingAssignmentId"] = existing?.Id,
        });

    private void SetAreas(IReadOnlyCollection<Guid> areaIds)
    {
        if (areaIds.Count == 0 || areaIds.Contains(Guid.Empty))
        {
            throw RuleException.Invalid("areaIds", "Name the wijken the assignment is for (one or more).");
        }
        _areas.RemoveAll(a => !areaIds.Contains(a.AreaId));
        foreach (var id in areaIds.Distinct().Where(id => _areas.All(a => a.AreaId != id)))
        {
            _areas.Add(new AssignmentArea(this, id));
        }
    }

    private static void CheckPeriod(DateOnly from, DateOnly? until)
    {
        if (until < from)
        {
            throw RuleException.Invalid("until", "An assignment ends on or after the day it starts.");
        }
    }
}

/// <summary>
/// One wijk of an assignment, with the function and days copied from it: PostgreSQL's exclusion
/// constraint (btree_gist) refuses two rows of one tenant, function and wijk whose days overlap.
/// </summary>
public sealed class AssignmentArea
{
    private AssignmentArea()
    {
    }

    internal AssignmentArea(Assignment assignment, Guid areaId)
    {
        AssignmentId = assignment.Id;
        AreaId = areaId;
        TenantId = assignment.TenantId;
        FunctionKey = assignment.FunctionKey;
        From = assignment.From;
        Until = assignment.Until;
    }

    public Guid AssignmentId { get; private set; }

    public Guid AreaId { get; private set; }

    public string TenantId { get; private set; } = "";

    public string FunctionKey { get; private set; } = "";

    public DateOnly From { get; private set; }

    public DateOnly? Until { get; internal set; }
}

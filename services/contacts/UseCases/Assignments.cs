using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>What a new assignment asks: who, in which function, for whom, where, from when (and until when).</summary>
public sealed record NewAssignment(Guid PersonId, Guid OrganisationId, string Function, IReadOnlyList<Guid> AreaIds, DateOnly From, DateOnly? Until, bool HandOver);

/// <summary>
/// Who holds which function where: assignments, hand-overs and their ends. A wijk's assignments are
/// kept by its director, all of them by the admin. One holder per function, wijk and day.
/// </summary>
public sealed class Assignments(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>
    /// A person takes a function in some wijken. With <c>HandOver</c> the assignments it would overlap
    /// end the day before it starts (they must have started by then); without, an overlap is a 409 naming "from".
    /// </summary>
    public async Task<Assignment> RegisterAsync(NewAssignment asked, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == asked.PersonId && p.ErasedAt == null, cancellationToken)
            ?? throw RuleException.Invalid("personId", $"There is no person {asked.PersonId} in this municipality's network.");
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == asked.OrganisationId, cancellationToken)
            ?? throw RuleException.Invalid("organisationId", $"There is no organisation {asked.OrganisationId} in this municipality's network.");
        var function = await db.FunctionAsync(asked.Function, "function", cancellationToken);
        await RequireWijkenAsync(asked.AreaIds, cancellationToken);
        viewer.RequireKeeperOf(asked.AreaIds);
        var now = time.GetUtcNow();
        var assignment = Assignment.Register(tenant.RequiredTenantId, person, organisation, function, asked.AreaIds, asked.From, asked.Until, now);
        var overlapping = await OverlappingAsync(assignment, cancellationToken);
        if (overlapping.Count > 0 && !asked.HandOver)
        {
            throw Assignment.Overlap($"Someone already is {function.Key} in one of these wijken on some of these days", overlapping[0]);
        }
        await using var write = await db.BeginWriteAsync(cancellationToken);
        foreach (var current in overlapping)
        {
            current.HandOverTo(assignment, now);
        }
        // The ends first: PostgreSQL checks the one-holder constraint per statement.
        await db.SaveAssignmentsAsync(cancellationToken);
        db.Assignments.Add(assignment);
        await db.SaveAssignmentsAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return assignment;
    }

    /// <summary>The assignment's last day (also to move it); a 409 when that would overlap its successor.</summary>
    public async Task<Assignment> EndAsync(Guid id, DateOnly until, Viewer viewer, CancellationToken cancellationToken)
    {
        var assignment = await db.FindAssignmentAsync(id, cancellationToken);
        viewer.RequireKeeperOf(assignment.AreaIds);
        assignment.EndOn(until, time.GetUtcNow());
        if ((await OverlappingAsync(assignment, cancellationToken)).FirstOrDefault() is { } next)
        {
            throw Assignment.Overlap("The next holder starts before that day", next);
        }
        await db.SaveAssignmentsAsync(cancellationToken);
        return assignment;
    }

    /// <summary>The assignment covers other wijken from now on (its whole period).</summary>
    public async Task<Assignment> ChangeAreasAsync(Guid id, IReadOnlyList<Guid> areaIds, Viewer viewer, CancellationToken cancellationToken)
    {
        var assignment = await db.FindAssignmentAsync(id, cancellationToken);
        await RequireWijkenAsync(areaIds, cancellationToken);
        viewer.RequireKeeperOf(assignment.AreaIds.Union(areaIds));
        assignment.ChangeAreas(areaIds, time.GetUtcNow());
        if ((await OverlappingAsync(assignment, cancellationToken)).FirstOrDefault() is { } other)
        {
            throw Assignment.Overlap($"Someone already is {assignment.FunctionKey} in one of these wijken on some of these days", other);
        }
        await db.SaveAssignmentsAsync(cancellationToken);
        return assignment;
    }

    /// <summary>The other assignments (tracked) that would give the same function in one of its wijken a second holder on some day.</summary>
    private async Task<List<Assignment>> OverlappingAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        var wijken = assignment.AreaIds.ToList();
        var candidates = await db.Assignments.Include(a => a.Areas)
            .Where(a => a.Id != assignment.Id && a.FunctionKey == assignment.FunctionKey && a.Areas.Any(w => wijken.Contains(w.AreaId)))
            .Where(a => a.Until == null || a.Until >= assignment.From)
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(assignment.Overlaps).OrderBy(a => a.From)];
    }

    private async Task RequireWijkenAsync(IReadOnlyCollection<Guid> areaIds, CancellationToken cancellationToken)
    {
        if (areaIds.Count == 0)
        {
            throw RuleException.Invalid("areaIds", "Name the wijken the assignment is for (one or more).");
        }
        if ((await db.NotWijkenAsync(areaIds, cancellationToken)) is [var unknown, ..])
        {
            throw RuleException.Invalid("areaIds", $"There is no wijk {unknown} in this municipality.");
        }
    }
}

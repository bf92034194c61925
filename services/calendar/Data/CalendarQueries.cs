using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>The reads every step starts with: an activity by its id, for this caller, or a 404.</summary>
public static class CalendarQueries
{
    /// <summary>
    /// Loads an activity with its occurrences to change it. What the actor may not see is a 404,
    /// as if it did not exist: a network meeting is not even there for a resident.
    /// </summary>
    public static Task<Activity> FindActivityAsync(this CalendarDbContext db, Guid id, Actor actor, CancellationToken cancellationToken) =>
        FindAsync(db.Activities.Include(a => a.Occurrences), id, actor, cancellationToken);

    /// <summary>Reads an activity (untracked, without its occurrences) for the actor, or a 404.</summary>
    public static Task<Activity> ReadActivityAsync(this CalendarDbContext db, Guid id, Actor actor, CancellationToken cancellationToken) =>
        FindAsync(db.Activities.AsNoTracking(), id, actor, cancellationToken);

    private static async Task<Activity> FindAsync(IQueryable<Activity> activities, Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var activity = await activities.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return activity is not null && !activity.Hidden && actor.Sees(activity.Visibility, activity.AreaId)
            ? activity
            : throw RuleException.NotFound($"There is no activity {id}.");
    }

    /// <summary>Only what the actor may see: public activities, and the network's of their wijken.</summary>
    public static IQueryable<Activity> VisibleTo(this IQueryable<Activity> activities, Actor actor)
    {
        var visible = activities.Where(a => !a.Hidden);
        return actor.NetworkWijken switch
        {
            null => visible,
            { Count: 0 } => visible.Where(a => a.Visibility == Visibility.Public),
            var wijken => visible.Where(a => a.Visibility == Visibility.Public || wijken.Contains(a.AreaId)),
        };
    }
}

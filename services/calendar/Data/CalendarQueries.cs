using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// An occurrence of the activity by its original start, locked (<c>SELECT ... FOR UPDATE</c>) for
    /// the rest of the transaction: registrations for it take turns here, so its counts decide
    /// capacity and arrival order in PostgreSQL, whatever the number of replicas. 404 when there is none.
    /// </summary>
    public static async Task<Occurrence> LockOccurrenceAsync(this CalendarDbContext db, Activity activity, LocalDateTime originalStart, CancellationToken cancellationToken)
    {
        // A wall time: "timestamp without time zone" (Npgsql would take an unspecified DateTime for an instant).
        var start = new NpgsqlParameter("start", NpgsqlDbType.Timestamp) { Value = originalStart.ToDateTimeUnspecified() };
        return (await db.Occurrences
            .FromSql($"SELECT * FROM occurrences WHERE activity_id = {activity.Id} AND original_start = {start} FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(cancellationToken)).SingleOrDefault()
            ?? throw RuleException.NotFound($"Activity {activity.Id} has no occurrence starting {LocalTimes.Format(originalStart)}.");
    }

    /// <summary>The activity's occurrence with this original start, untracked and without a lock; 404 when there is none.</summary>
    public static async Task<Occurrence> ReadOccurrenceAsync(this CalendarDbContext db, Activity activity, LocalDateTime originalStart, CancellationToken cancellationToken) =>
        await db.Occurrences.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(o => o.ActivityId == activity.Id && o.OriginalStart == originalStart, cancellationToken)
            ?? throw RuleException.NotFound($"Activity {activity.Id} has no occurrence starting {LocalTimes.Format(originalStart)}.");

    /// <summary>
    /// Locks every occurrence of an activity (in id order, so two changes cannot deadlock) for the
    /// rest of the transaction: a change of the series waits for registrations under way and they
    /// wait for it. Call before loading the activity, so the counts it reads are current.
    /// </summary>
    public static Task LockOccurrencesAsync(this CalendarDbContext db, Guid activityId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM occurrences WHERE activity_id = {activityId} ORDER BY id FOR UPDATE", cancellationToken);

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

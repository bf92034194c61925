using Buurt.Calendar.Data;
using Buurt.Calendar.Domain;
using Buurt.Messaging.Outbox;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// Registration per occurrence: register (a place or the waiting list), cancel (the first waiting
/// one moves up in the same transaction), check in at the door. Every step locks the occurrence's
/// row, so its counts and arrival order are decided in PostgreSQL one registration at a time.
/// </summary>
public sealed class Registrations(CalendarDbContext db, TimeProvider time, OutboxSignal outbox)
{
    /// <summary>Reads that find the occurrence changed under them (moved, cancelled) before giving up with a 409.</summary>
    private const int Attempts = 3;

    /// <summary>The signed-in resident registers for the occurrence named by its original local start.</summary>
    public async Task<Registration> RegisterAsync(Guid activityId, LocalDateTime occurrenceStart, Actor actor, CancellationToken cancellationToken)
    {
        var account = actor.Id;
        // Everything that needs no lock first: who may see it, the occurrence, the rules, whether this
        // resident is registered already, the events. The decision and the writes are one statement
        // that holds the occurrence's lock only inside PostgreSQL (see RegistrationDecisions).
        var activity = await db.ReadActivityAsync(activityId, actor, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var occurrence = await db.ReadOccurrenceAsync(activity, occurrenceStart, cancellationToken);
            var already = await db.Registrations.AnyAsync(
                r => r.OccurrenceId == occurrence.Id && r.AccountId == account && r.Status != RegistrationStatus.Cancelled, cancellationToken);
            var registration = occurrence.Arrive(activity, account, already, time.GetUtcNow());
            var (placed, waiting) = registration.Outcomes(activity, occurrence);
            RegistrationDecision? decision;
            try
            {
                decision = await db.DecideAsync(registration, occurrence, placed, waiting, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                if (e.ConstraintName == RegistrationDecisions.OnePerResidentIndex)
                {
                    // Two at once for the same resident both passed the check above: the unique index refuses the second.
                    throw occurrence.AlreadyRegistered();
                }
                // A check-in code drawn twice within the occurrence (rare): nothing was written, draw again.
                if (db.Database.CurrentTransaction is null && attempt < Attempts)
                {
                    continue;
                }
                // As a save's unique violation: the common 409.
                throw new DbUpdateException(e.Message, e);
            }
            if (decision is { } decided)
            {
                registration.Decide(decided.Place, decided.Position);
                if (db.Database.CurrentTransaction is null)
                {
                    // Committed by the statement itself: wake the dispatcher as a commit would.
                    outbox.Notify();
                }
                return registration;
            }
            // The occurrence changed between the read and the lock: read it again (its rules then say why not).
            if (attempt == Attempts)
            {
                throw RuleException.Conflict($"The occurrence of {LocalTimes.Format(occurrenceStart)} was changed while you registered; try again.");
            }
        }
    }

    /// <summary>
    /// The resident cancels their own registration, or a planner of the wijk cancels one; a place
    /// that comes free goes to the first on the waiting list. Someone else's registration is a 404.
    /// </summary>
    public async Task<(Registration Cancelled, IReadOnlyList<Registration> Promoted)> CancelAsync(
        Guid activityId, LocalDateTime occurrenceStart, Guid registrationId, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var activity = await db.ReadActivityAsync(activityId, actor, cancellationToken);
        var occurrence = await db.LockOccurrenceAsync(activity, occurrenceStart, cancellationToken);
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.OccurrenceId == occurrence.Id, cancellationToken);
        var own = registration is not null && registration.AccountId == actor.UserId;
        if (registration is null || !(own || actor.IsInNetworkOf(activity.AreaId)))
        {
            throw RuleException.NotFound($"There is no registration {registrationId} of yours for this occurrence.");
        }
        // Only as many waiting as there can be places; in order of arrival.
        var free = Math.Max(0, (occurrence.Capacity ?? 0) - occurrence.Registered + 1);
        var waiting = registration.Status == RegistrationStatus.Registered
            ? await db.Registrations.Where(r => r.OccurrenceId == occurrence.Id && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.Position).Take(free).ToListAsync(cancellationToken)
            : [];
        var promoted = occurrence.CancelRegistration(activity, registration, waiting, own, time.GetUtcNow());
        await write.CommitAsync(cancellationToken);
        return (registration, promoted);
    }

    /// <summary>A planner of the wijk checks a registration in by its code.</summary>
    public async Task<Registration> CheckInAsync(Guid activityId, LocalDateTime occurrenceStart, string code, Actor actor, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var activity = await db.ReadActivityAsync(activityId, actor, cancellationToken);
        actor.RequirePlannerOf(activity.AreaId);
        var occurrence = await db.LockOccurrenceAsync(activity, occurrenceStart, cancellationToken);
        var normalized = code.Trim().ToUpperInvariant();
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.OccurrenceId == occurrence.Id && r.CheckInCode == normalized, cancellationToken)
            ?? throw RuleException.Invalid("code", $"No registration for the occurrence of {LocalTimes.Format(occurrenceStart)} has the code '{code}'.");
        occurrence.CheckIn(registration, time.GetUtcNow());
        await write.CommitAsync(cancellationToken);
        return registration;
    }
}

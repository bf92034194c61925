using Buurt.Calendar.Domain;
using Buurt.Contracts.Calendar;
using Buurt.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Buurt.Calendar.Data;

/// <summary>Where a registration landed: a place or the waiting list, and its turn (arrival order, 1, 2, ...).</summary>
public sealed record RegistrationDecision(bool Place, int Position);

/// <summary>
/// A registration decided and stored in <b>one statement</b>: it locks the occurrence's row, decides
/// a place or the waiting list on the row's counts, updates them, inserts the registration and the
/// outbox row of its event. The row lock is held only inside PostgreSQL (until the commit, which
/// follows at once in autocommit), never across a round trip through the application, so 300 at
/// once for one occurrence take turns at the database's pace (benchmarks.md, calendar-rush).
/// </summary>
public static class RegistrationDecisions
{
    /// <summary>The partial unique index behind "one registration per resident per occurrence".</summary>
    public const string OnePerResidentIndex = "ix_registrations_one_per_resident";

    private const string Sql = $"""
        WITH locked AS (
            SELECT id, capacity, registered, arrivals FROM occurrences
            WHERE id = @occurrence AND capacity IS NOT NULL AND NOT cancelled AND starts_at = @starts_at AND starts_at > @now
            FOR UPDATE
        ), decided AS (
            SELECT id, registered < capacity AS place, arrivals + 1 AS position FROM locked
        ), counted AS (
            UPDATE occurrences o
            SET arrivals = d.position,
                registered = o.registered + CASE WHEN d.place THEN 1 ELSE 0 END,
                waitlisted = o.waitlisted + CASE WHEN d.place THEN 0 ELSE 1 END
            FROM decided d WHERE o.id = d.id
        ), stored AS (
            INSERT INTO registrations (id, tenant_id, activity_id, occurrence_id, account_id, status, position, check_in_code, registered_at, reminded_for)
            SELECT @id, @tenant, @activity, d.id, @account, CASE WHEN d.place THEN @registered ELSE @waitlisted END, d.position, @code, @now, @reminded_for
            FROM decided d
        ), published AS (
            INSERT INTO outbox_messages ({OutboxRow.Columns})
            SELECT CASE WHEN d.place THEN @p_id ELSE @w_id END,
                   CASE WHEN d.place THEN @p_type ELSE @w_type END,
                   CASE WHEN d.place THEN @p_payload ELSE jsonb_set(@w_payload, @position_path, to_jsonb(d.position)) END,
                   @event_tenant, @trace_parent, @trace_state, @now, @now, @now, 0
            FROM decided d
        )
        SELECT place, position FROM decided
        """;

    private static readonly string[] s_positionPath = [OutboxRow.PayloadName(nameof(RegistrationWaitlisted.Position))];

    /// <summary>
    /// Decides and stores <paramref name="registration"/> (made by <see cref="Occurrence.Arrive"/>)
    /// with the event of its outcome, in the current transaction if there is one. Null when the
    /// locked row no longer takes it as read before (cancelled, moved, begun, capacity removed
    /// meanwhile): nothing was written, read again. A second registration of the same resident
    /// is refused by the unique index (a <see cref="PostgresException"/>).
    /// </summary>
    public static async Task<RegistrationDecision?> DecideAsync(
        this CalendarDbContext db, Registration registration, Occurrence occurrence, RegistrationConfirmed placed, RegistrationWaitlisted waiting,
        CancellationToken cancellationToken)
    {
        var now = registration.RegisteredAt;
        var (p, w) = (OutboxRow.For(placed, now), OutboxRow.For(waiting, now));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            var parameters = command.Parameters;
            parameters.AddWithValue("occurrence", occurrence.Id);
            parameters.AddWithValue("starts_at", NpgsqlDbType.TimestampTz, occurrence.StartsAt);
            parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
            parameters.AddWithValue("id", registration.Id);
            parameters.AddWithValue("tenant", registration.TenantId);
            parameters.AddWithValue("activity", registration.ActivityId);
            parameters.AddWithValue("account", registration.AccountId);
            parameters.AddWithValue("registered", nameof(RegistrationStatus.Registered));
            parameters.AddWithValue("waitlisted", nameof(RegistrationStatus.Waitlisted));
            parameters.AddWithValue("code", registration.CheckInCode);
            parameters.AddWithValue("reminded_for", NpgsqlDbType.TimestampTz, (object?)registration.RemindedFor ?? DBNull.Value);
            parameters.AddWithValue("p_id", p.Id);
            parameters.AddWithValue("w_id", w.Id);
            parameters.AddWithValue("p_type", p.Type);
            parameters.AddWithValue("w_type", w.Type);
            parameters.AddWithValue("p_payload", NpgsqlDbType.Jsonb, p.Payload);
            parameters.AddWithValue("w_payload", NpgsqlDbType.Jsonb, w.Payload);
            parameters.AddWithValue("position_path", NpgsqlDbType.Array | NpgsqlDbType.Text, s_positionPath);
            parameters.AddWithValue("event_tenant", p.TenantId);
            parameters.AddWithValue("trace_parent", NpgsqlDbType.Varchar, (object?)p.TraceParent ?? DBNull.Value);
            parameters.AddWithValue("trace_state", NpgsqlDbType.Varchar, (object?)p.TraceState ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new RegistrationDecision(reader.GetBoolean(0), reader.GetInt32(1)) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

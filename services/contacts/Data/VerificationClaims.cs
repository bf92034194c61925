using Buurt.Contacts.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Data;

/// <summary>
/// The listings due for their yearly "is this still right?", of every municipality, claimed with
/// FOR UPDATE SKIP LOCKED: two replicas running the watch at once never claim the same listing, and
/// the claim holds until the transaction that records the request (and its outbox row) commits.
/// </summary>
public static class VerificationClaims
{
    /// <summary>Organisations in the network last verified at or before <paramref name="cutoff"/> and not asked since.</summary>
    public static Task<List<Organisation>> ClaimDueOrganisationsAsync(this ContactsDbContext db, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        db.Organisations.FromSql($"""
            SELECT *, xmin FROM organisations
             WHERE ended_at IS NULL AND last_verified_at <= {cutoff}
               AND (verification_requested_at IS NULL OR verification_requested_at <= {cutoff})
             ORDER BY last_verified_at LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    /// <summary>People (not erased) last verified at or before <paramref name="cutoff"/> and not asked since.</summary>
    public static Task<List<Person>> ClaimDuePeopleAsync(this ContactsDbContext db, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        db.People.FromSql($"""
            SELECT *, xmin FROM people
             WHERE erased_at IS NULL AND last_verified_at <= {cutoff}
               AND (verification_requested_at IS NULL OR verification_requested_at <= {cutoff})
             ORDER BY last_verified_at LIMIT {limit} FOR UPDATE SKIP LOCKED
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
}

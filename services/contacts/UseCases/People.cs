using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>The people of the network, their own contact points and their consents (given and withdrawn, never changed).</summary>
public sealed class People(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Person> RegisterAsync(string name, Guid? userId, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var person = Person.Register(tenant.RequiredTenantId, name, userId, time.GetUtcNow());
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>One of the person's own contact points, added by a keeper or by the person themselves.</summary>
    public async Task<ContactPoint> AddContactPointAsync(Guid personId, NewContactPoint point, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(personId, cancellationToken);
        viewer.RequireKeeperOrSelf(person);
        var added = person.AddContactPoint(point.Kind, point.Value, point.Visibility, point.Label, time.GetUtcNow());
        db.ContactPoints.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>Records a consent: from this commit on, every answer shows the points it covers to whom it allows.</summary>
    public async Task<ConsentRecord> GiveConsentAsync(
        Guid personId, IReadOnlyCollection<Guid> contactPointIds, Visibility visibility, ConsentBasis basis, string textVersion, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(personId, cancellationToken);
        var own = await db.ContactPoints.AsNoTracking().Where(p => p.PersonId == personId).ToListAsync(cancellationToken);
        var consent = person.GiveConsent(contactPointIds, own, visibility, basis, textVersion, viewer, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return consent;
    }

    /// <summary>Records a withdrawal: from this commit on, no answer shows what the consent covered beyond staff.</summary>
    public async Task<ConsentRecord> WithdrawConsentAsync(Guid personId, Guid consentId, ConsentBasis basis, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(personId, cancellationToken);
        var history = await db.ConsentHistoryAsync([personId], cancellationToken);
        var withdrawal = person.WithdrawConsent(consentId, history, basis, viewer, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return withdrawal;
    }

    /// <summary>A new withdrawal link for a consent whose mail was lost; the consent's earlier links stop working in the same commit.</summary>
    public async Task ReissueWithdrawalLinkAsync(Guid personId, Guid consentId, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(personId, cancellationToken);
        var history = await db.ConsentHistoryAsync([personId], cancellationToken);
        var own = await db.ContactPoints.AsNoTracking().Where(p => p.PersonId == personId).ToListAsync(cancellationToken);
        person.ReissueWithdrawalLink(consentId, history, own, viewer, time.GetUtcNow());
        db.SecretLinks.RemoveRange(await db.SecretLinks
            .Where(l => l.Purpose == LinkPurpose.ConsentWithdrawal && l.ConsentId == consentId && l.PersonId == personId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A person's consent history, for keepers and the person themselves.</summary>
    public async Task<IReadOnlyList<ConsentRecord>> ConsentsAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken)
    {
        var person = await db.FindPersonAsync(personId, cancellationToken);
        viewer.RequireKeeperOrSelf(person);
        return await db.ConsentHistoryAsync([personId], cancellationToken);
    }

    /// <summary>
    /// Everything contacts holds about one person, for a GDPR request (the tenant admin): the person,
    /// all their own contact points (whatever they are shown to), the whole consent history and every
    /// assignment, past ones included.
    /// </summary>
    public async Task<PersonExport> ExportAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireTenantAdmin();
        var person = await db.FindPersonAsync(personId, cancellationToken);
        return new PersonExport(
            person,
            ContactPoint.InOrder(await db.ContactPoints.AsNoTracking().Where(p => p.PersonId == personId).ToListAsync(cancellationToken)).ToList(),
            await db.ConsentHistoryAsync([personId], cancellationToken),
            await db.Assignments.AsNoTracking().Include(a => a.Areas).Where(a => a.PersonId == personId).OrderBy(a => a.From).ToListAsync(cancellationToken),
            time.GetUtcNow());
    }

    /// <summary>
    /// Erases one person on a GDPR request (the tenant admin), in one transaction: their contact points
    /// and consent records are deleted (the append-only trigger lets this transaction, and only an
    /// erasure, delete them), the person row keeps nothing personal, and <c>PersonErased</c> tells the others.
    /// </summary>
    public async Task EraseAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireTenantAdmin();
        var person = await db.FindPersonAsync(personId, cancellationToken);
        var now = time.GetUtcNow();
        var today = NetworkCalendar.Today(now);
        var goingOn = await db.Assignments.CountAsync(a => a.PersonId == personId && (a.Until == null || a.Until >= today), cancellationToken);
        person.Erase(goingOn, viewer, now);
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL buurt.erasing = 'on'", cancellationToken);
        await db.ConsentRecords.Where(r => r.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.ContactPoints.Where(p => p.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.SecretLinks.Where(l => l.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        // Residents' reports name the person; they go with the rest.
        await db.ListingReports.Where(r => r.ListingKind == ListingKind.Person && r.ListingId == personId).ExecuteDeleteAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
    }
}

/// <summary>What contacts holds about one person, when it was read.</summary>
public sealed record PersonExport(
    Person Person, IReadOnlyList<ContactPoint> ContactPoints, IReadOnlyList<ConsentRecord> Consents, IReadOnlyList<Assignment> Assignments, DateTimeOffset ExportedAt);

using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>What a withdrawal link shows before anything happens: whose consent, which points to whom, and whether it still stands.</summary>
public sealed record ConsentLinkView(Person Person, ConsentRecord Consent, IReadOnlyList<ContactPoint> Points, DateTimeOffset? WithdrawnAt);

/// <summary>
/// Consent withdrawal by a link with a secret token, for people without an account (mailed when they
/// consent). Opening the link changes nothing; withdrawing commits before the answer, so the answer
/// to the withdrawal is the moment the details disappear from every answer, list and export.
/// </summary>
public sealed class ConsentLinks(ContactsDbContext db, TimeProvider time)
{
    public async Task<ConsentLinkView> ShowAsync(string token, CancellationToken cancellationToken)
    {
        var link = await db.FindLinkAsync(token, LinkPurpose.ConsentWithdrawal, time.GetUtcNow(), cancellationToken);
        var person = await db.FindPersonAsync(link.PersonId!.Value, cancellationToken);
        return await ViewAsync(person, link, cancellationToken);
    }

    /// <summary>Withdraws the link's consent; a link whose consent is already withdrawn changes nothing (its page says so).</summary>
    public async Task<ConsentLinkView> WithdrawAsync(string token, CancellationToken cancellationToken)
    {
        var link = await db.FindLinkAsync(token, LinkPurpose.ConsentWithdrawal, time.GetUtcNow(), cancellationToken);
        var person = await db.FindPersonAsync(link.PersonId!.Value, cancellationToken);
        var history = await db.ConsentHistoryAsync([person.Id], cancellationToken);
        if (!history.Any(r => r.ConsentId == link.ConsentId && r.Kind == ConsentRecordKind.Withdrawn))
        {
            person.WithdrawConsentByLink(link, history, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return await ViewAsync(person, link, cancellationToken);
    }

    private async Task<ConsentLinkView> ViewAsync(Person person, SecretLink link, CancellationToken cancellationToken)
    {
        var history = await db.ConsentHistoryAsync([person.Id], cancellationToken);
        var consent = history.First(r => r.Id == link.ConsentId);
        var points = await db.ContactPoints.AsNoTracking().Where(p => consent.ContactPointIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var withdrawn = history.FirstOrDefault(r => r.ConsentId == consent.Id && r.Kind == ConsentRecordKind.Withdrawn);
        return new ConsentLinkView(person, consent, [.. ContactPoint.InOrder(points)], withdrawn?.RecordedAt);
    }
}

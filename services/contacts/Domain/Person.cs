using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>
/// Someone in the wijk network, with or without an account on the platform (<see cref="UserId"/>).
/// Their own contact points are personal data: shown beyond staff only under a consent they gave,
/// which they (or a keeper for them) may withdraw at any time. Consents are records that are only
/// ever added (<see cref="ConsentRecord"/>): a withdrawal is a new record.
/// </summary>
public sealed class Person : Aggregate
{
    public const int TextVersionMaxLength = 40;

    private Person()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Their account on the platform, if they have one.</summary>
    public Guid? UserId { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When their data was erased on a GDPR request; the row stays, without anything personal, for the history of functions.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>Who erased it (the admin's account id): the accountability of the erasure, nothing about the person.</summary>
    public string? ErasedBy { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>When the person's listing was last confirmed (registered, or "still right" from them or a keeper).</summary>
    public DateTimeOffset LastVerifiedAt { get; private set; }

    /// <summary>When they were last asked "is this still right?".</summary>
    public DateTimeOffset? VerificationRequestedAt { get; private set; }

    /// <summary>The listing is still right, as of now.</summary>
    public void ConfirmVerified(DateTimeOffset now) => LastVerifiedAt = now;

    /// <summary>Asks the person (at <paramref name="email"/>, their own address) whether their listing is still right; records the link and the event.</summary>
    public void RequestVerification(string? email, DateTimeOffset now)
    {
        VerificationRequestedAt = now;
        if (Verification.Request(TenantId, ListingKind.Person, Id, Name, email, LastVerifiedAt, now) is { } request)
        {
            Record(request.Link);
            Raise(request.Due);
        }
    }

    public uint Version { get; private set; }

    /// <summary>What an erased person is called in the history of functions.</summary>
    public const string ErasedName = "Verwijderd";

    public static Person Register(string tenantId, string name, Guid? userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Name = Text.Required(name, Text.NameMaxLength, "name"),
        UserId = userId,
        RegisteredAt = now,
        LastVerifiedAt = now,
    };

    /// <summary>One of the person's own ways to be reached; shown beyond staff only once they consent.</summary>
    public ContactPoint AddContactPoint(ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now) =>
        ContactPoint.OfPerson(TenantId, Id, kind, value, visibility, label, now);

    /// <summary>
    /// The person consents to showing <paramref name="contactPointIds"/> (their own) to <paramref name="visibility"/>.
    /// "On the platform" is a consent they give themselves, signed in; a keeper records one given in person or by e-mail link.
    /// </summary>
    public ConsentRecord GiveConsent(
        IReadOnlyCollection<Guid> contactPointIds, IReadOnlyCollection<ContactPoint> own, Visibility visibility, ConsentBasis basis, string textVersion,
        Viewer recorder, DateTimeOffset now)
    {
        recorder.RequireKeeperOrSelf(this);
        if (contactPointIds.Count == 0)
        {
            throw RuleException.Invalid("contactPointIds", "Name at least one of the person's contact points.");
        }
        var mine = own.Where(p => p.PersonId == Id).Select(p => p.Id).ToHashSet();
        if (contactPointIds.Where(id => !mine.Contains(id)).ToList() is [var foreign, ..])
        {
            throw RuleException.Invalid("contactPointIds", $"Contact point {foreign} is not one of {Name}'s own.");
        }
        if (visibility == Visibility.Staff)
        {
            throw RuleException.Invalid("visibility", "Staff see a person's contact points without consent; a consent shows them to the public, residents or the network.");
        }
        if ((basis == ConsentBasis.OnPlatform) != recorder.Is(this))
        {
            throw RuleException.Invalid("basis", basis == ConsentBasis.OnPlatform
                ? "Only the person themselves, signed in, gives a consent on the platform."
                : "Signed in as themselves, a person gives their consent on the platform (on-platform).");
        }
        var consent = ConsentRecord.Given(this, [.. contactPointIds.Distinct()], visibility, basis,
            Text.Required(textVersion, TextVersionMaxLength, "textVersion"), recorder.Name, now);
        Record(consent);
        Raise(new ConsentGiven(TenantId, Guid.CreateVersion7(now), now, consent.Id, Id, consent.ContactPointIds, ApiNames.Of(visibility), ApiNames.Of(basis), consent.TextVersion!));
        IssueWithdrawalLink(consent, own, now);
        return consent;
    }

    /// <summary>
    /// The link that withdraws <paramref name="consent"/> without an account, mailed to the person's own
    /// address (the first e-mail point they have; without one there is nothing to mail it to, and a
    /// keeper withdraws for them). Every consent gets one: it is also the person's receipt.
    /// </summary>
    private bool IssueWithdrawalLink(ConsentRecord consent, IReadOnlyCollection<ContactPoint> own, DateTimeOffset now)
    {
        var mine = ContactPoint.InOrder(own.Where(p => p.PersonId == Id)).ToList();
        if (mine.FirstOrDefault(p => p.Kind == ContactPointKind.Email) is not { } email)
        {
            return false;
        }
        var (link, token) = SecretLink.Issue(TenantId, LinkPurpose.ConsentWithdrawal, Id, null, consent.Id, now);
        Record(link);
        var kinds = mine.Where(p => consent.ContactPointIds.Contains(p.Id)).Select(p => ApiNames.Of(p.Kind)).Distinct().ToList();
        Raise(new ConsentWithdrawalLinkIssued(TenantId, Guid.CreateVersion7(now), now, consent.Id, Id, Name, email.Value, Language,
            kinds, ApiNames.Of(consent.Visibility!.Value), SecretLink.PathOf(LinkPurpose.ConsentWithdrawal, token)));
        return true;
    }

    /// <summary>The language mails to people of the network are written in: Dutch (they have no account setting to choose by).</summary>
    public const string Language = "nl";

    /// <summary>Withdraws a consent of this person; it stops counting at once. A consent is withdrawn once (409 again).</summary>
    public ConsentRecord WithdrawConsent(Guid consentId, IReadOnlyCollection<ConsentRecord> history, ConsentBasis basis, Viewer recorder, DateTimeOffset now)
    {
        recorder.RequireKeeperOrSelf(this);
        return Withdraw(consentId, history, recorder.Is(this) ? ConsentBasis.OnPlatform : basis, recorder.Name, now);
    }

    /// <summary>
    /// A new withdrawal link for a standing consent whose mail was lost (a keeper asks, or the person):
    /// mailed again to the person's own address. The caller removes the consent's earlier links, so
    /// only the newest works. Refused for a consent already withdrawn (409) or without an address (409).
    /// </summary>
    public void ReissueWithdrawalLink(Guid consentId, IReadOnlyCollection<ConsentRecord> history, IReadOnlyCollection<ContactPoint> own, Viewer recorder, DateTimeOffset now)
    {
        recorder.RequireKeeperOrSelf(this);
        var given = history.FirstOrDefault(r => r.Id == consentId && r.Kind == ConsentRecordKind.Given && r.PersonId == Id)
            ?? throw RuleException.NotFound($"{Name} has no consent {consentId}.");
        if (history.Any(r => r.ConsentId == given.Id && r.Kind == ConsentRecordKind.Withdrawn))
        {
            throw RuleException.Conflict($"Consent {consentId} was withdrawn: there is nothing left to withdraw by a link.");
        }
        if (!IssueWithdrawalLink(given, own, now))
        {
            throw RuleException.Conflict($"{Name} has no e-mail address of their own to mail a link to: add one, or withdraw for them.");
        }
    }

    /// <summary>Who a withdrawal by link is recorded by: the link's holder, who is no account.</summary>
    public const string ByLink = "link";

    /// <summary>
    /// Withdraws a consent through its withdrawal link (<paramref name="link"/>): the token was the
    /// proof, so no account is asked. The link is spent with it.
    /// </summary>
    public ConsentRecord WithdrawConsentByLink(SecretLink link, IReadOnlyCollection<ConsentRecord> history, DateTimeOffset now)
    {
        if (link.Purpose != LinkPurpose.ConsentWithdrawal || link.PersonId != Id || link.ConsentId is not { } consentId)
        {
            throw RuleException.NotFound("This link withdraws no consent of this person.");
        }
        var withdrawal = Withdraw(consentId, history, ConsentBasis.EmailLink, ByLink, now);
        link.MarkUsed(now);
        return withdrawal;
    }

    private ConsentRecord Withdraw(Guid consentId, IReadOnlyCollection<ConsentRecord> history, ConsentBasis basis, string recordedBy, DateTimeOffset now)
    {
        var given = history.FirstOrDefault(r => r.Id == consentId && r.Kind == ConsentRecordKind.Given && r.PersonId == Id)
            ?? throw RuleException.NotFound($"{Name} has no consent {consentId}.");
        if (history.Any(r => r.ConsentId == given.Id && r.Kind == ConsentRecordKind.Withdrawn))
        {
            throw RuleException.Conflict($"Consent {consentId} was already withdrawn.");
        }
        var withdrawal = ConsentRecord.Withdrawal(given, basis, recordedBy, now);
        Record(withdrawal);
        Raise(new ConsentWithdrawn(TenantId, Guid.CreateVersion7(now), now, given.Id, Id));
        return withdrawal;
    }

    /// <summary>
    /// Erases the person on a GDPR request (the tenant admin): their name and account link go, the
    /// row stays for the history of functions; their contact points and consent records are deleted
    /// with it by the caller. Refused (409) while they hold a function today or later
    /// (<paramref name="assignmentsGoingOn"/>): end or hand those over first.
    /// </summary>
    public void Erase(int assignmentsGoingOn, Viewer admin, DateTimeOffset now)
    {
        admin.RequireTenantAdmin();
        if (assignmentsGoingOn > 0)
        {
            throw RuleException.Conflict($"{Name} holds {assignmentsGoingOn} function(s) today or later; end or hand them over first.");
        }
        Name = ErasedName;
        UserId = null;
        ErasedAt = now;
        ErasedBy = admin.Name;
        Raise(new PersonErased(TenantId, Guid.CreateVersion7(now), now, Id));
    }
}

namespace Buurt.Contacts.Domain;

/// <summary>How a consent (or its withdrawal) was given.</summary>
public enum ConsentBasis
{
    /// <summary>Told to a keeper face to face (or by phone), who recorded it.</summary>
    InPerson,

    /// <summary>Confirmed through a link sent by e-mail.</summary>
    EmailLink,

    /// <summary>By the person themselves, signed in on the platform.</summary>
    OnPlatform,
}

public enum ConsentRecordKind
{
    Given,
    Withdrawn,
}

/// <summary>
/// One line of a person's consent history, never changed or deleted (PostgreSQL refuses it): a
/// consent given (which of their contact points, to whom, under which text, how, recorded by whom
/// and when), or the withdrawal of one (<see cref="ConsentId"/> names the consent it ends).
/// </summary>
public sealed class ConsentRecord
{
    private ConsentRecord()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid PersonId { get; private set; }

    /// <summary>The consent this record is about: its own id for a consent given, the consent ended for a withdrawal.</summary>
    public Guid ConsentId { get; private set; }

    public ConsentRecordKind Kind { get; private set; }

    /// <summary>The person's contact points the consent covers (empty for a withdrawal: it ends all the consent covered).</summary>
    public List<Guid> ContactPointIds { get; private set; } = [];

    /// <summary>The widest circle the person allowed (a withdrawal has none).</summary>
    public Visibility? Visibility { get; private set; }

    public ConsentBasis Basis { get; private set; }

    /// <summary>The version of the consent text the person agreed to ("2026-01").</summary>
    public string? TextVersion { get; private set; }

    /// <summary>Who recorded it: the account's id (the person's own when on the platform), or "client", "demo".</summary>
    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    internal static ConsentRecord Given(Person person, List<Guid> contactPointIds, Visibility visibility, ConsentBasis basis, string textVersion, string recordedBy, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new()
        {
            Id = id,
            TenantId = person.TenantId,
            PersonId = person.Id,
            ConsentId = id,
            Kind = ConsentRecordKind.Given,
            ContactPointIds = contactPointIds,
            Visibility = visibility,
            Basis = basis,
            TextVersion = textVersion,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }

    internal static ConsentRecord Withdrawal(ConsentRecord given, ConsentBasis basis, string recordedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = given.TenantId,
        PersonId = given.PersonId,
        ConsentId = given.Id,
        Kind = ConsentRecordKind.Withdrawn,
        Basis = basis,
        RecordedBy = recordedBy,
        RecordedAt = now,
    };
}

/// <summary>Who may see a person's contact point, given their consents.</summary>
public static class ConsentRule
{
    /// <summary>The consents of <paramref name="history"/> that still count: given and not withdrawn.</summary>
    public static IReadOnlyList<ConsentRecord> Standing(IEnumerable<ConsentRecord> history)
    {
        var records = history.ToList();
        var withdrawn = records.Where(r => r.Kind == ConsentRecordKind.Withdrawn).Select(r => r.ConsentId).ToHashSet();
        return [.. records.Where(r => r.Kind == ConsentRecordKind.Given && !withdrawn.Contains(r.Id))];
    }

    /// <summary>
    /// Who may see <paramref name="point"/>: what it is meant for, if it is not a person's own;
    /// a person's own is staff-only, unless a standing consent covers it: then the narrower of what the
    /// point is meant for and the widest circle a consent allows.
    /// </summary>
    public static Visibility ShownTo(ContactPoint point, IEnumerable<ConsentRecord> standing)
    {
        if (!point.IsPersonal)
        {
            return point.Visibility;
        }
        var allowed = standing.Where(c => c.PersonId == point.PersonId && c.ContactPointIds.Contains(point.Id) && c.Visibility is not null)
            .Select(c => c.Visibility!.Value)
            .DefaultIfEmpty(Domain.Visibility.Staff)
            .Min();
        return Visibilities.Narrower(point.Visibility, allowed);
    }

    /// <summary>
    /// The points a viewer who reaches <paramref name="reach"/> may see, each with whom it is shown to,
    /// by the consents in <paramref name="history"/> as they stand now (a withdrawal counts at once).
    /// </summary>
    public static IReadOnlyList<ShownPoint> Disclose(IEnumerable<ContactPoint> points, IEnumerable<ConsentRecord> history, Visibility reach)
    {
        var standing = Standing(history);
        return [.. points.Select(p => new ShownPoint(p, ShownTo(p, standing))).Where(s => s.ShownTo <= reach)];
    }
}

/// <summary>A contact point and whom it is shown to now (for a person's own: as far as their consents allow).</summary>
public sealed record ShownPoint(ContactPoint Point, Visibility ShownTo);

using System.Text.RegularExpressions;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>How a contact point reaches someone.</summary>
public enum ContactPointKind
{
    Phone,
    Email,
    Website,

    /// <summary>A visiting or postal address, as text.</summary>
    Address,

    /// <summary>A picture of a person (a link to it).</summary>
    Photo,
}

/// <summary>
/// One way to reach an organisation, a function (the wijkagent's number, the wijkregisseur of
/// Zuid's mailbox) or a person, with who may see it. A person's own points are personal data: they
/// are shown beyond staff only under a consent (<see cref="ConsentRule"/>). Exactly one owner.
/// </summary>
public sealed partial class ContactPoint
{
    public const int ValueMaxLength = 200;
    public const int LabelMaxLength = 100;

    private ContactPoint()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid? OrganisationId { get; private set; }

    public Guid? PersonId { get; private set; }

    /// <summary>The function whose point it is (the key, e.g. wijkagent).</summary>
    public string? FunctionKey { get; private set; }

    /// <summary>For a function's point: the wijk it is for; null for every wijk.</summary>
    public Guid? AreaId { get; private set; }

    public ContactPointKind Kind { get; private set; }

    public string Value { get; private set; } = "";

    /// <summary>Who it is meant for. For a person's point: the most it may be shown to, once they consent.</summary>
    public Visibility Visibility { get; private set; }

    /// <summary>What it is for ("Spreekuur", "Werktelefoon"), optional.</summary>
    public string? Label { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The person's own: shown beyond staff only with their consent.</summary>
    public bool IsPersonal => PersonId is not null;

    public static ContactPoint OfOrganisation(string tenantId, Guid organisationId, ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now) =>
        New(tenantId, kind, value, visibility, label, now, p => p.OrganisationId = organisationId);

    public static ContactPoint OfPerson(string tenantId, Guid personId, ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now) =>
        New(tenantId, kind, value, visibility, label, now, p => p.PersonId = personId);

    public static ContactPoint OfFunction(string tenantId, string functionKey, Guid? areaId, ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now) =>
        New(tenantId, kind, value, visibility, label, now, p => (p.FunctionKey, p.AreaId) = (functionKey, areaId));

    private static ContactPoint New(string tenantId, ContactPointKind kind, string value, Visibility visibility, string? label, DateTimeOffset now, Action<ContactPoint> owner)
    {
        var point = new ContactPoint
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Kind = kind,
            Value = Checked(kind, value),
            Visibility = visibility,
            Label = Text.Optional(label, LabelMaxLength, "label"),
            CreatedAt = now,
        };
        owner(point);
        return point;
    }

    /// <summary>Another value, circle or label (checked as when it was added).</summary>
    public void Change(ContactPointKind kind, string value, Visibility visibility, string? label)
    {
        Value = Checked(kind, value);
        Kind = kind;
        Visibility = visibility;
        Label = Text.Optional(label, LabelMaxLength, "label");
    }

    /// <summary>How points are listed: by kind (phone first), then oldest first.</summary>
    public static IEnumerable<ContactPoint> InOrder(IEnumerable<ContactPoint> points) =>
        points.OrderBy(p => p.Kind).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id);

    /// <summary>The value, trimmed, if it is what its kind says; otherwise a 400 naming "value".</summary>
    public static string Checked(ContactPointKind kind, string value)
    {
        var text = value.Trim();
        var valid = text.Length is > 0 and <= ValueMaxLength && kind switch
        {
            ContactPointKind.Phone => PhoneNumber().IsMatch(text) && text.Count(char.IsAsciiDigit) >= 3,
            ContactPointKind.Email => EmailAddress().IsMatch(text),
            ContactPointKind.Website or ContactPointKind.Photo =>
                Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
            _ => true,
        };
        return valid ? text : throw RuleException.Invalid("value", kind switch
        {
            ContactPointKind.Phone => "A phone number has digits, spaces, dashes or brackets, optionally after a +.",
            ContactPointKind.Email => "An e-mail address looks like name@example.nl.",
            ContactPointKind.Website or ContactPointKind.Photo => "A link starts with https:// or http://.",
            _ => $"A value has 1 to {ValueMaxLength} characters.",
        });
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{1,24}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();
}

/// <summary>A contact point as a request describes it, before it has an owner.</summary>
public sealed record NewContactPoint(ContactPointKind Kind, string Value, Visibility Visibility, string? Label);

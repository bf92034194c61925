namespace Buurt.Contacts.Domain;

/// <summary>
/// One change to an organisation's listing, kept for accountability: which field (name, kind,
/// description, contactPoints), from what to what, by whom (the account) in which part (partner or
/// keeper), and when. Only ever added.
/// </summary>
public sealed class ListingChange
{
    public const int ValueMaxLength = 1200;

    private ListingChange()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    /// <summary>The field as the API names it: name, kind, description, contactPoints.</summary>
    public string Field { get; private set; } = "";

    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>The account that changed it ("client" for a machine client, "link {id}" for a listing link).</summary>
    public string ChangedBy { get; private set; } = "";

    /// <summary>partner (of the organisation), link (the holder of a listing link mailed to the organisation) or keeper (a wijkregisseur, the admin).</summary>
    public string ChangedAs { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    internal static ListingChange Of(Organisation organisation, string field, string? before, string? after, Viewer editor, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = organisation.TenantId,
        OrganisationId = organisation.Id,
        Field = field,
        Before = Cut(before),
        After = Cut(after),
        ChangedBy = editor.Name,
        ChangedAs = editor.IsKeeper ? "keeper" : editor.IsListingLink ? "link" : "partner",
        ChangedAt = now,
    };

    private static string? Cut(string? text) => text is { Length: > ValueMaxLength } ? text[..ValueMaxLength] : text;

    /// <summary>How a contact point reads in the history: "phone 035 123 (public, Spreekuur)".</summary>
    public static string Describe(ContactPoint point) =>
        $"{ApiNames.Of(point.Kind)} {point.Value} ({ApiNames.Of(point.Visibility)}{(point.Label is null ? "" : ", " + point.Label)})";
}

using Buurt.ServiceDefaults.Domain;

namespace Buurt.Contacts.Domain;

/// <summary>
/// A resident's report that a listing (an organisation or a person) is outdated, with what they
/// noticed. Staff resolve it with a note. One open report per resident and listing: reporting again
/// while it is open gives the same report.
/// </summary>
public sealed class ListingReport
{
    public const int NoteMaxLength = 1000;

    private ListingReport()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public ListingKind ListingKind { get; private set; }

    public Guid ListingId { get; private set; }

    /// <summary>The listing's name when it was reported (so the staff list reads without looking it up).</summary>
    public string ListingName { get; private set; } = "";

    /// <summary>The reporting account.</summary>
    public Guid ReportedBy { get; private set; }

    public string Note { get; private set; } = "";

    public DateTimeOffset ReportedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public string? Resolution { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>A signed-in person reports the listing as outdated.</summary>
    public static ListingReport File(string tenantId, ListingKind kind, Guid listingId, string listingName, Viewer reporter, string note, DateTimeOffset now)
    {
        if (reporter.UserId is not { } userId)
        {
            throw RuleException.Forbidden("Sign in to report an outdated listing.");
        }
        return new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            ListingKind = kind,
            ListingId = listingId,
            ListingName = listingName,
            ReportedBy = userId,
            Note = Text.Required(note, NoteMaxLength, "note"),
            ReportedAt = now,
        };
    }

    /// <summary>A keeper resolves it, saying what was done.</summary>
    public void Resolve(string note, Viewer keeper, DateTimeOffset now)
    {
        keeper.RequireKeeper();
        if (!IsOpen)
        {
            throw RuleException.Conflict($"This report was resolved on {ResolvedAt:O}.");
        }
        Resolution = Text.Required(note, NoteMaxLength, "note");
        ResolvedAt = now;
        ResolvedBy = keeper.Name;
    }
}

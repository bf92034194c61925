using Buurt.Contracts;
using Buurt.Contracts.Initiatives;

namespace Buurt.Initiatives.Domain;

/// <summary>A resident's initiative for their street or neighbourhood (initiatief).</summary>
public sealed class Initiative
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;

    private Initiative()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The wijk the initiative is for.</summary>
    public Guid AreaId { get; private set; }

    public Theme Theme { get; private set; }

    /// <summary>Euros asked from the wijk budget, in whole cents.</summary>
    public decimal RequestedAmount { get; private set; }

    public GeoPoint? Location { get; private set; }

    public InitiativeStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>A new initiative, in the submitted state, with the event that tells the other services.</summary>
    public static (Initiative Initiative, InitiativeSubmitted Submitted) Submit(
        string tenantId, string title, string description, Guid areaId, Theme theme,
        decimal requestedAmount, GeoPoint? location, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        // PostgreSQL keeps microseconds: what we answer now is what a later read returns.
        now = now.AddTicks(-(now.Ticks % 10));
        title = title.Trim();
        description = description.Trim();
        if (title.Length is 0 or > TitleMaxLength)
        {
            throw new ArgumentException($"A title has 1 to {TitleMaxLength} characters.", nameof(title));
        }
        if (description.Length is 0 or > DescriptionMaxLength)
        {
            throw new ArgumentException($"A description has 1 to {DescriptionMaxLength} characters.", nameof(description));
        }
        if (requestedAmount < 0 || decimal.Round(requestedAmount, 2) != requestedAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(requestedAmount), "An amount is zero or more, in whole cents.");
        }

        var initiative = new Initiative
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Title = title,
            Description = description,
            AreaId = areaId,
            Theme = theme,
            RequestedAmount = requestedAmount,
            Location = location,
            Status = InitiativeStatus.Submitted,
            SubmittedAt = now,
        };
        var submitted = new InitiativeSubmitted(
            tenantId, Guid.CreateVersion7(now), now, initiative.Id, areaId, theme, requestedAmount);
        return (initiative, submitted);
    }
}

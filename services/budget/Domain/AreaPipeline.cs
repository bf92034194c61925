namespace Buurt.Budget.Domain;

/// <summary>
/// What initiatives of one wijk have asked for and not yet got in a deal: the money that may come
/// the wijk budget's way.
/// </summary>
public sealed class AreaPipeline
{
    private AreaPipeline()
    {
    }

    public string TenantId { get; private set; } = "";

    public Guid AreaId { get; private set; }

    public int Initiatives { get; private set; }

    public decimal RequestedAmount { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static AreaPipeline Empty(string tenantId, Guid areaId) => new() { TenantId = tenantId, AreaId = areaId };

    /// <summary>A new initiative asks for <paramref name="amount"/> euros.</summary>
    public void Add(decimal amount, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Initiatives++;
        RequestedAmount += amount;
        UpdatedAt = at;
    }
}

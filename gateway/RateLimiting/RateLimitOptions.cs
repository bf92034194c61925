namespace Buurt.Gateway.RateLimiting;

/// <summary>
/// Fixed-window limits ("RateLimiting" section), counted in Redis so every gateway replica shares
/// one count. The first rule whose path prefix matches applies; the default rule covers the rest.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Set from "Gateway:RedisKeyPrefix".</summary>
    public string KeyPrefix { get; set; } = "buurt:";

    public RateLimitRule Default { get; set; } = new() { Name = "default", PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public List<RateLimitRule> Rules { get; set; } = [];
}

public sealed class RateLimitRule
{
    public string Name { get; set; } = "";

    /// <summary>Requests that start with this path count towards this rule (null: the default rule).</summary>
    public string? PathPrefix { get; set; }

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

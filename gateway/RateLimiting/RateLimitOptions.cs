namespace Buurt.Gateway.RateLimiting;

/// <summary>
/// Fixed-window limits ("RateLimiting" section), counted in Redis so every gateway replica shares
/// one count (in leases of permits, <see cref="PermitLeases"/>). The first rule whose path prefix matches applies; the default rule covers the rest.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Set from "Gateway:RedisKeyPrefix".</summary>
    public string KeyPrefix { get; set; } = "buurt:";

    public RateLimitRule Default { get; set; } = new() { Name = "default", PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public List<RateLimitRule> Rules { get; set; } = [];

    /// <summary>
    /// A replica takes this share of a rule's limit from Redis at once (at least 1 permit, at most
    /// <see cref="MaxLease"/>); see <see cref="PermitLeases"/> for what that costs in precision.
    /// </summary>
    public double LeaseFraction { get; set; } = 0.05;

    public int MaxLease { get; set; } = 100;
}

public sealed class RateLimitRule
{
    public string Name { get; set; } = "";

    /// <summary>Requests that start with this path count towards this rule (null: the default rule).</summary>
    public string? PathPrefix { get; set; }

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>
    /// With a value, a form post under this rule (the token endpoint's) is also counted per client
    /// and user name (<c>client_id</c> from the form or Basic header, <c>username</c>), in the same
    /// window: one account's guesses meet this limit, while <see cref="PermitLimit"/> per address
    /// can stay high enough for residents behind one carrier NAT.
    /// </summary>
    public int? CredentialPermitLimit { get; set; }
}

using Buurt.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Buurt.ServiceDefaults.Idempotency;

/// <summary>A keyed write and its first successful answer (table <c>idempotent_requests</c>).</summary>
public sealed class IdempotentRequest
{
    private IdempotentRequest()
    {
    }

    public string TenantId { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of method, path, caller and body.</summary>
    public string Fingerprint { get; private set; } = "";

    public int StatusCode { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    public string? Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>The table of idempotency keys in a service's own DbContext.</summary>
public static class IdempotencyModel
{
    public const string Table = "idempotent_requests";

    /// <summary>Call from <c>OnModelCreating</c> (before <c>FilterByTenant</c>); the table then travels with the service's migrations.</summary>
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable(Table);
            request.HasKey(r => new { r.TenantId, r.Key });
            request.Property(r => r.TenantId).HasMaxLength(TenantModel.MaxLength);
            request.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
            request.Property(r => r.Fingerprint).HasMaxLength(64);
            request.Property(r => r.Location).HasMaxLength(300);
            request.Property(r => r.ContentType).HasMaxLength(100);
            // The retention delete reads by age.
            request.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurt.ServiceDefaults.Data;

/// <summary>
/// One tenant rule for every DbContext: each entity with a <c>TenantId</c> holds a slug-sized
/// column and is seen only by its tenant (a global query filter), unless marked
/// <see cref="SharedAcrossTenants"/> (the outbox, the inbox, identity's accounts).
/// </summary>
public static class TenantModel
{
    /// <summary>The property (and, snake-cased, the column) that names a row's tenant.</summary>
    public const string Property = "TenantId";

    /// <summary>A tenant slug's longest form.</summary>
    public const int MaxLength = 40;

    private const string Shared = "Buurt:SharedAcrossTenants";

    /// <summary>
    /// Call last in <c>OnModelCreating</c>, with the context's tenant (<c>() =&gt; tenant.TenantId</c>,
    /// written in the context so EF Core reads it per context instance, not once per model).
    /// </summary>
    public static ModelBuilder FilterByTenant(this ModelBuilder modelBuilder, Expression<Func<string?>> currentTenant)
    {
        var owned = modelBuilder.Model.GetEntityTypes()
            .Where(e => e.BaseType is null && !e.IsOwned() && e.FindAnnotation(Shared) is null && e.FindProperty(Property)?.ClrType == typeof(string))
            .ToList();
        foreach (var entityType in owned)
        {
            var entity = modelBuilder.Entity(entityType.ClrType);
            var tenantProperty = entityType.FindProperty(Property)!;
            entity.Property(Property).HasMaxLength(tenantProperty.GetMaxLength() ?? MaxLength);
            var row = Expression.Parameter(entityType.ClrType, "row");
            var ofTenant = Expression.Equal(
                Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], row, Expression.Constant(Property)),
                currentTenant.Body);
            entity.HasQueryFilter(Expression.Lambda(ofTenant, row));
        }
        return modelBuilder;
    }

    /// <summary>Rows of every tenant are read together (with the tenant as a column, not a filter).</summary>
    public static EntityTypeBuilder<T> SharedAcrossTenants<T>(this EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.HasAnnotation(Shared, true);
        return entity;
    }
}

using Microsoft.EntityFrameworkCore;

namespace Buurt.AreaCopy;

/// <summary>The copy of the areas inside a service's own DbContext (scoped: the consumer's and the inbox's context are one).</summary>
public sealed class AreaStore(DbContext db)
{
    public DbContext Db => db;

    /// <summary>The current tenant's areas (the service's query filter applies).</summary>
    public DbSet<CopiedArea> Areas => db.Set<CopiedArea>();

    /// <summary>Whether <paramref name="id"/> is a wijk of the current tenant.</summary>
    public Task<bool> IsWijkAsync(Guid id, CancellationToken cancellationToken) => Areas.IsWijkAsync(id, cancellationToken);
}

public static class AreaQueries
{
    /// <summary>Whether <paramref name="id"/> is a wijk among <paramref name="areas"/> (the service's query filter applies).</summary>
    public static Task<bool> IsWijkAsync(this IQueryable<CopiedArea> areas, Guid id, CancellationToken cancellationToken) =>
        areas.AnyAsync(a => a.Id == id && a.Kind == CopiedArea.Wijk, cancellationToken);
}

using Microsoft.EntityFrameworkCore;

namespace Buurt.Calendar.Data;

/// <summary>The once-only request that fills the copy of the residents' names.</summary>
public static class ResidentNameQueries
{
    /// <summary>Claims the municipality's request for every account's name: true only the first time (for one replica of many).</summary>
    public static async Task<bool> ClaimNamesRequestAsync(this CalendarDbContext db, string tenant, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO resident_names_requested (tenant_id, requested_at) VALUES ({tenant}, {now})
            ON CONFLICT (tenant_id) DO NOTHING
            """, cancellationToken) == 1;
}

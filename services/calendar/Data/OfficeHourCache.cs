using Buurt.Calendar.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Calendar.Data;

/// <summary>
/// Office hours as a booking reads them, kept by this replica per (municipality, id) with the row's
/// version: in a rush of bookings of one office hour only the first reads it, and each booking's one
/// check confirms the version (<see cref="BookingQueries.CheckSlotAsync"/>), so a changed or blocked
/// office hour is read again, never used stale. The instances are untracked and never changed: they
/// are shared between requests. Bounded in count; old entries age out.
/// </summary>
public sealed class OfficeHourCache : IDisposable
{
    /// <summary>The most office hours this replica keeps.</summary>
    public const long SizeLimit = 10_000;

    private readonly MemoryCache _officeHours = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    /// <summary>The office hour as last read, or read now (a 400 naming <paramref name="field"/> when there is none).</summary>
    public async Task<OfficeHour> GetAsync(CalendarDbContext db, string tenant, Guid id, string field, CancellationToken cancellationToken)
    {
        if (_officeHours.TryGetValue((tenant, id), out OfficeHour? known))
        {
            return known!;
        }
        var read = await db.FindOfficeHourAsync(id, cancellationToken, field, tracked: false);
        return _officeHours.Set((tenant, id), read, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
    }

    /// <summary>Drops a copy whose version the database no longer has.</summary>
    public void Forget(string tenant, Guid id) => _officeHours.Remove((tenant, id));

    public void Dispose() => _officeHours.Dispose();
}

using System.Collections.Concurrent;
using Buurt.Calendar.Domain;
using Buurt.ServiceDefaults.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Buurt.Calendar.Data;

/// <summary>
/// Office hours as a booking reads them, kept by this replica per (municipality, id) with the row's
/// version: in a rush of bookings of one office hour only the first reads it, and each booking's one
/// check confirms the version (<see cref="BookingQueries.CheckSlotAsync"/>), so a changed or blocked
/// office hour is read again, never used stale. The instances are untracked and never changed: they
/// are shared between requests. Bounded in count; old entries age out. A rush on an office hour not
/// kept yet reads it once: the first caller reads on its own connection, the others wait for its read.
/// </summary>
public sealed class OfficeHourCache : IDisposable
{
    /// <summary>The most office hours this replica keeps.</summary>
    public const long SizeLimit = 10_000;

    private readonly MemoryCache _officeHours = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly ConcurrentDictionary<(string, Guid), Task<OfficeHour>> _reading = new();

    /// <summary>The office hour as last read, or read now (a 400 naming <paramref name="field"/> when there is none).</summary>
    public async Task<OfficeHour> GetAsync(CalendarDbContext db, string tenant, Guid id, string field, CancellationToken cancellationToken)
    {
        var key = (tenant, id);
        if (_officeHours.TryGetValue(key, out OfficeHour? known))
        {
            return known!;
        }
        var mine = new TaskCompletionSource<OfficeHour>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = _reading.GetOrAdd(key, mine.Task);
        if (reading != mine.Task)
        {
            try
            {
                return await reading.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The reader's own request was cancelled: read it here instead.
                return await ReadAsync(db, key, field, cancellationToken);
            }
        }
        try
        {
            var read = await ReadAsync(db, key, field, cancellationToken);
            mine.SetResult(read);
            return read;
        }
        catch (RuleException e)
        {
            // No such office hour: the same answer for everyone waiting.
            mine.SetException(e);
            _ = mine.Task.Exception;
            throw;
        }
        catch
        {
            mine.SetCanceled(CancellationToken.None);
            throw;
        }
        finally
        {
            _reading.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }

    private async Task<OfficeHour> ReadAsync(CalendarDbContext db, (string, Guid) key, string field, CancellationToken cancellationToken)
    {
        var read = await db.FindOfficeHourAsync(key.Item2, cancellationToken, field, tracked: false);
        return _officeHours.Set(key, read, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
    }

    /// <summary>Drops a copy whose version the database no longer has.</summary>
    public void Forget(string tenant, Guid id) => _officeHours.Remove((tenant, id));

    public void Dispose() => _officeHours.Dispose();
}

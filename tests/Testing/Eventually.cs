namespace Buurt.Testing;

/// <summary>Waits, bounded, for something asynchronous to become true (messages cross a real broker).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var last = await read();
        while (!until(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {what ?? "a condition"}; last value: {last}");
            }
            await Task.Delay(50);
            last = await read();
        }
        return last;
    }

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null) =>
        ValueAsync(condition, ok => ok, timeout, what);

    /// <summary>Waits until <paramref name="call"/> answers with a success status; a refused connection (a listener not open yet) is "not yet".</summary>
    public static Task SucceedsAsync(Func<Task<HttpResponseMessage>> call, TimeSpan? timeout = null, string? what = null) =>
        TrueAsync(async () =>
        {
            try
            {
                using var response = await call();
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout, what);
}

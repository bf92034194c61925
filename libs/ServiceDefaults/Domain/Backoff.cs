namespace Buurt.ServiceDefaults.Domain;

/// <summary>Pauses between tries of something that failed: the outbox's publishes, the notifications' mails.</summary>
public static class Backoff
{
    /// <summary>Doubling from <paramref name="min"/> with each try (the first waits <paramref name="min"/>), never above <paramref name="max"/>.</summary>
    public static TimeSpan Doubling(int attempt, TimeSpan min, TimeSpan max)
    {
        var delay = TimeSpan.FromMilliseconds(min.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)));
        return delay < max ? delay : max;
    }
}

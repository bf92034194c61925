namespace Buurt.Budget.UseCases;

/// <summary>The time a booking carries.</summary>
internal static class BudgetClock
{
    /// <summary>Now, to the microsecond PostgreSQL keeps: what a write answers equals what a later read returns.</summary>
    public static DateTimeOffset Now(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}

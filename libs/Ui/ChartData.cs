namespace Buurt.Ui;

/// <summary>One series of a bar chart (a bar in every group): its name (legend and table column) and its colour (4.5:1 on white).</summary>
public sealed record ChartSeries(string Name, string Color);

/// <summary>One group of bars: its label (a wijk, a theme) and a value per series, in the series' order.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal> Values);

/// <summary>A bar chart's value axis: its end and the values marked on it.</summary>
public sealed record ChartAxis(decimal End, IReadOnlyList<decimal> Ticks)
{
    /// <summary>
    /// The axis for these values: the largest rounded up to 1, 2, 2.5 or 5 times a power of ten,
    /// marked in quarters, or in fewer steps when quarters would put a fraction (1,25) on an axis of
    /// whole numbers (counts).
    /// </summary>
    public static ChartAxis For(IEnumerable<decimal> values)
    {
        var all = values.ToList();
        var max = all.DefaultIfEmpty(0).Max();
        if (max <= 0)
        {
            return new ChartAxis(0, [0m]);
        }
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        var end = new[] { 1m, 2m, 2.5m, 5m, 10m }.Select(m => m * power).First(m => m >= max);
        var whole = all.All(v => v == decimal.Truncate(v));
        var steps = new[] { 4, 5, 2, 1 }.First(n => !whole || end / n == decimal.Truncate(end / n));
        return new ChartAxis(end, [.. Enumerable.Range(0, steps + 1).Select(i => end * i / steps)]);
    }
}

using Buurt.Ui;

namespace Buurt.Web.Tests;

/// <summary>The charts' value axis: a round end above the largest value, and no fractions marked on counts.</summary>
public sealed class ChartAxisTests
{
    public static TheoryData<decimal[], decimal, decimal[]> Axes => new()
    {
        { [3m, 1m], 5m, [0m, 1m, 2m, 3m, 4m, 5m] },
        { [2m], 2m, [0m, 1m, 2m] },
        { [1m, 0m], 1m, [0m, 1m] },
        { [8m], 10m, [0m, 2m, 4m, 6m, 8m, 10m] },
        { [21m], 25m, [0m, 5m, 10m, 15m, 20m, 25m] },
        { [180m], 200m, [0m, 50m, 100m, 150m, 200m] },
        // Money may have cents: quarters stay.
        { [4.5m], 5m, [0m, 1.25m, 2.5m, 3.75m, 5m] },
        { [0m], 0m, [0m] },
        { [], 0m, [0m] },
    };

    [Theory]
    [MemberData(nameof(Axes))]
    public void The_axis_ends_at_a_round_number_and_marks_whole_steps_for_counts(decimal[] values, decimal end, decimal[] ticks)
    {
        var axis = ChartAxis.For(values);

        Assert.Equal(end, axis.End);
        Assert.Equal(ticks, axis.Ticks);
    }
}

namespace Buurt.Ui;

/// <summary>One series of a bar chart (a bar in every group): its name (legend and table column) and its colour (4.5:1 on white).</summary>
public sealed record ChartSeries(string Name, string Color);

/// <summary>One group of bars: its label (a wijk, a theme) and a value per series, in the series' order.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal> Values);

namespace Buurt.Web.Tests;

/// <summary>The calendar's demo data the web tests use (services/calendar/UseCases/DemoActivities.cs).</summary>
internal static class DemoAgenda
{
    /// <summary>"Samen koken in De Geus": every Friday, 12 places.</summary>
    public static readonly Guid Cooking = Guid.Parse("0193a0c0-0000-7000-8000-00000000c00c");

    /// <summary>The wijkwethouder's office hour in De Geus.</summary>
    public static readonly Guid AldermanOfficeHour = Guid.Parse("0193a0c0-0000-7000-8000-0000000a1de7");
}

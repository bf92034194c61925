using System.Globalization;

namespace Buurt.Web.Components.Layout;

/// <summary>The budget controller's pages: the year they show (from the URL's jaar, else this year in the municipality's zone) and the zone.</summary>
public sealed record BudgetDesk(int Year, int ThisYear, TimeZoneInfo Zone)
{
    /// <summary>The query parameter that names the year: switching year is a link.</summary>
    public const string YearParameter = "jaar";

    /// <summary>A budget path in this year.</summary>
    public string Href(string path) => For(path, Year);

    public static string For(string path, int year) => $"{path}?{YearParameter}={year.ToString(CultureInfo.InvariantCulture)}";
}

using Buurt.Calendar.Domain;
using NodaTime;

namespace Buurt.Calendar.UseCases;

/// <summary>
/// The municipality's time zone: <c>Calendar:TimeZones:{tenant}</c>, else <c>Calendar:TimeZone</c>
/// (Europe/Amsterdam). An activity may name another; its wall times are kept in its own zone.
/// </summary>
public sealed class TimeZones(IConfiguration configuration)
{
    public const string Default = "Europe/Amsterdam";

    public DateTimeZone Of(string tenant) =>
        LocalTimes.Zone(configuration[$"Calendar:TimeZones:{tenant}"] ?? configuration["Calendar:TimeZone"] ?? Default, "timeZone");
}

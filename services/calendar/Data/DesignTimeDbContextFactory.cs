using Buurt.ServiceDefaults.Data;

namespace Buurt.Calendar.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<CalendarDbContext>("calendar");

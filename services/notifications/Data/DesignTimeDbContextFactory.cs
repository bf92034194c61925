using Buurt.ServiceDefaults.Data;

namespace Buurt.Notifications.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<NotificationsDbContext>("notifications");

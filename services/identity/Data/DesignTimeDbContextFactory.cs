using Buurt.ServiceDefaults.Data;

namespace Buurt.Identity.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<IdentityServiceDbContext>("identity");

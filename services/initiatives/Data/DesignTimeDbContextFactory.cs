using Buurt.ServiceDefaults.Data;

namespace Buurt.Initiatives.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<InitiativesDbContext>("initiatives");

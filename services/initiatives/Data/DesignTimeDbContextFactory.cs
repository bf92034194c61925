using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurt.Initiatives.Data;

/// <summary>For <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InitiativesDbContext>
{
    public InitiativesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<InitiativesDbContext>()
            .UseNpgsql("Host=localhost;Database=initiatives")
            .UseSnakeCaseNamingConvention()
            .Options,
        new TenantContext());
}

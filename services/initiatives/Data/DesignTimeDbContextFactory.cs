using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurt.Initiatives.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InitiativesDbContext>
{
    public InitiativesDbContext CreateDbContext(string[] args) =>
        new(ServiceDatabase.DesignTimeOptions<InitiativesDbContext>("initiatives"), new TenantContext());
}

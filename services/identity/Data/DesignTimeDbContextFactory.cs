using Buurt.ServiceDefaults.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurt.Identity.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IdentityServiceDbContext>
{
    public IdentityServiceDbContext CreateDbContext(string[] args) =>
        new(ServiceDatabase.DesignTimeOptions<IdentityServiceDbContext>("identity"), new TenantContext());
}

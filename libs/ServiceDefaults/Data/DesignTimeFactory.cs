using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurt.ServiceDefaults.Data;

/// <summary>
/// How <c>dotnet ef migrations add</c> makes a service's DbContext: the run-time conventions, no
/// tenant, no database contacted. A service derives it once in its Data room (EF Core looks for the
/// factory in the service's own assembly); every DbContext takes (options, tenant).
/// </summary>
public abstract class DesignTimeFactory<TDbContext>(string database) : IDesignTimeDbContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public TDbContext CreateDbContext(string[] args) =>
        (TDbContext)Activator.CreateInstance(typeof(TDbContext), ServiceDatabase.DesignTimeOptions<TDbContext>(database), new TenantContext())!;
}

using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurt.Budget.Data;

/// <summary>For <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BudgetDbContext>
{
    public BudgetDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<BudgetDbContext>()
            .UseNpgsql("Host=localhost;Database=budget")
            .UseSnakeCaseNamingConvention()
            .Options,
        new TenantContext());
}

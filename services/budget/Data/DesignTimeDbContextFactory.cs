using Buurt.ServiceDefaults.Data;

namespace Buurt.Budget.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<BudgetDbContext>("budget");

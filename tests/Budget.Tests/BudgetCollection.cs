namespace Buurt.Budget.Tests;

/// <summary>One budget service (and identity) for the API and flow tests; each test books in a year of its own.</summary>
[CollectionDefinition(Name)]
public sealed class BudgetCollection : ICollectionFixture<BudgetService>
{
    public const string Name = "budget";
}

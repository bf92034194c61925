namespace Buurt.EndToEnd.Tests;

/// <summary>
/// The test classes that move wijk Zuid's demo books and check them to the euro: one after the
/// other, never side by side. In-process each has a platform of its own anyway; on a running platform
/// (BUURT_TEST_E2E_GATEWAY, the containers) they share the books, and no other class here moves them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoBooks
{
    public const string Name = "The demo books of wijk Zuid";
}

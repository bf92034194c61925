using BenchmarkDotNet.Running;

// ./platform bench [--filter *Outbox*]: BenchmarkDotNet, against the test servers ./platform starts.
// ./platform bench initiatives-queries [tenants] [perTenant] [requests]: list and map latency at scale.
if (args is ["initiatives-queries", .. var rest])
{
    await Buurt.Benchmarks.InitiativeQueryLatency.RunAsync(rest);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Buurt.Benchmarks.OutboxWriteBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;

// ./platform bench [--filter *Outbox*]: runs against the test servers ./platform starts.
// ./platform bench reservations [rate] [seconds]: the budget's reservation load test.
if (args is ["reservations", .. var rest])
{
    return await Buurt.Benchmarks.ReservationLoad.RunAsync(rest);
}
BenchmarkSwitcher.FromAssembly(typeof(Buurt.Benchmarks.OutboxWriteBenchmarks).Assembly).Run(args);
return 0;

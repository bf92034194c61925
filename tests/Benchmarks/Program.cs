using BenchmarkDotNet.Running;

// ./platform bench [--filter *Outbox*]: runs against the test servers ./platform starts.
BenchmarkSwitcher.FromAssembly(typeof(Buurt.Benchmarks.OutboxWriteBenchmarks).Assembly).Run(args);

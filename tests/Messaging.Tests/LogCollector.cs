using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Buurt.Messaging.Tests;

/// <summary>Keeps the host's warnings and errors, to see what operators would read.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyCollection<string> Warnings => _warnings;

    public ILogger CreateLogger(string categoryName) => new Collecting(_warnings);

    public void Dispose()
    {
    }

    private sealed class Collecting(ConcurrentQueue<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}

using System.Collections.Concurrent;
using MassTransit;

namespace Buurt.Testing;

/// <summary>
/// What a service published on its bus, as the bus saw it leave (a publish observer): tests read
/// what went out, e.g. identity's password-reset code, without a consumer of their own.
/// </summary>
public sealed class PublishedMessages : IPublishObserver
{
    private readonly ConcurrentQueue<object> _messages = new();

    public IEnumerable<T> Of<T>() => _messages.OfType<T>();

    /// <summary>Waits for a <typeparamref name="T"/> that matches among those published after the first <paramref name="seen"/> (<c>Of&lt;T&gt;().Count()</c> before the act).</summary>
    public async Task<T> WaitForNewAsync<T>(int seen, Func<T, bool> match)
        where T : class =>
        (await Eventually.ValueAsync(() => Task.FromResult(Of<T>().Skip(seen).LastOrDefault(match)), m => m is not null, what: $"a new {typeof(T).Name}"))!;

    /// <summary>Waits for a published <typeparamref name="T"/> that matches, and returns the last one.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string? what = null)
        where T : class =>
        (await Eventually.ValueAsync(() => Task.FromResult(Of<T>().LastOrDefault(match)), m => m is not null, what: what ?? $"a published {typeof(T).Name}"))!;

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurt.Gateway.Tests;

/// <summary>What the backend received: the gateway's forwarded request.</summary>
public sealed record ReceivedRequest(int Number, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTP backend behind the gateway that answers every request with its number and records
/// what it received. <c>?cache=...</c> sets the answer's Cache-Control, <c>?etag=</c> its ETag; <c>?status=</c> its status.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private EchoBackend(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new EchoBackend(app);
        app.Run(backend.AnswerAsync);
        await app.StartAsync();
        return backend;
    }

    public ReceivedRequest Last => Received.Last();

    private async Task AnswerAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        Received.Enqueue(new ReceivedRequest(
            number, request.Method, request.Path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        if (request.Query["cache"] is { Count: > 0 } cache)
        {
            context.Response.Headers.CacheControl = cache.ToString();
        }
        // Public only from the n-th request for this address on: a service that starts marking an answer.
        if (int.TryParse(request.Query["public-from"], out var from)
            && Received.Count(r => r.PathAndQuery == request.Path + request.QueryString) >= from)
        {
            context.Response.Headers.CacheControl = "public, max-age=60";
        }
        if (request.Query["etag"] is { Count: > 0 } etag)
        {
            context.Response.Headers.ETag = etag.ToString();
        }
        if (request.Query["csp"] is { Count: > 0 } csp)
        {
            context.Response.Headers.ContentSecurityPolicy = csp.ToString();
        }
        if (request.Query["referrer"] is { Count: > 0 } referrer)
        {
            context.Response.Headers["Referrer-Policy"] = referrer.ToString();
        }
        context.Response.StatusCode = int.TryParse(request.Query["status"], out var status) ? status : 200;
        if (request.Query.ContainsKey("html"))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<!doctype html><p>{number}</p>");
            return;
        }
        await context.Response.WriteAsJsonAsync(new { number });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

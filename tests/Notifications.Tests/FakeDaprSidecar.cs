using System.Buffers.Binary;
using System.Collections.Concurrent;
using Buurt.Testing;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Buurt.Notifications.Tests;

/// <summary>
/// Plays a Dapr sidecar's API on 127.0.0.1 (no sidecar can be installed here): the gRPC method
/// DaprClient calls for an output binding, <c>dapr.proto.runtime.v1.Dapr/InvokeBinding</c> (HTTP/2
/// without TLS, as to a sidecar on localhost), read with Dapr's own protobuf types and answered as
/// the sidecar does after a binding took it (an empty response, grpc-status 0). Its fields are those
/// of the documented HTTP API's <c>POST /v1.0/bindings/{name}</c> (<c>data</c>, <c>metadata</c>,
/// <c>operation</c>), which DaprClient does not use for bindings. It can be stopped and started again on the same port, like a sidecar that restarts.
/// </summary>
public sealed class FakeDaprSidecar : IAsyncDisposable
{
    private WebApplication? _app;

    private FakeDaprSidecar(int port) => Port = port;

    public int Port { get; }

    /// <summary>DaprClient's gRPC endpoint setting.</summary>
    public string GrpcEndpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Each binding call that arrived: the binding's name, the operation, the metadata and the data as text.</summary>
    public ConcurrentQueue<(string Name, string Operation, IReadOnlyDictionary<string, string> Metadata, string Data)> Received { get; } = new();

    /// <summary>
    /// Calls (by their metadata) the binding fails, as a sidecar answers when the component or the
    /// service behind it refused (grpc-status 13, INTERNAL, with the component's error); they are not in <see cref="Received"/>.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>, bool> Refuses { get; set; } = _ => false;

    public static async Task<FakeDaprSidecar> StartAsync()
    {
        var sidecar = new FakeDaprSidecar(ServiceFactory<FakeDaprSidecar>.FreePort());
        await sidecar.StartAgainAsync();
        return sidecar;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost("/dapr.proto.runtime.v1.Dapr/InvokeBinding", InvokeBindingAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>The sidecar goes away: calls find nothing listening.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task InvokeBindingAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        // A gRPC message: a compression flag, a 4-byte big-endian length, the protobuf bytes.
        var frame = body.ToArray();
        var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
        var request = InvokeBindingRequest.Parser.ParseFrom(frame.AsSpan(5, length));
        var metadata = new Dictionary<string, string>(request.Metadata);
        if (Refuses(metadata))
        {
            context.Response.ContentType = "application/grpc";
            context.Response.DeclareTrailer("grpc-status");
            context.Response.DeclareTrailer("grpc-message");
            await context.Response.StartAsync();
            context.Response.AppendTrailer("grpc-status", "13");
            context.Response.AppendTrailer("grpc-message", "error invoking output binding: twilio: The 'To' number is not a valid phone number");
            return;
        }
        Received.Enqueue((request.Name, request.Operation, metadata, request.Data.ToStringUtf8()));

        var reply = new InvokeBindingResponse().ToByteArray();
        var header = new byte[5];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), reply.Length);
        context.Response.ContentType = "application/grpc";
        context.Response.DeclareTrailer("grpc-status");
        await context.Response.Body.WriteAsync(header);
        await context.Response.Body.WriteAsync(reply);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}

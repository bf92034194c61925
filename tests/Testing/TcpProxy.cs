using System.Net;
using System.Net.Sockets;

namespace Buurt.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 that a test can cut: while down it drops every connection and
/// refuses new ones, as a broker outage looks to its clients. The real server stays up for the
/// other tests.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private volatile bool _down;
    private volatile bool _holding;

    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Drops every open connection; new ones are closed at once until <see cref="Up"/>.</summary>
    public void Down()
    {
        _down = true;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                Reset(connection);
            }
            _connections.Clear();
        }
    }

    public void Up() => (_down, _holding) = (false, false);

    /// <summary>
    /// Cuts the way a server that goes down in order does: from now on it takes nothing more from
    /// its clients (their bytes are dropped) but still answers what it already took, for
    /// <paramref name="grace"/>; then <see cref="Down"/>. A client never loses the answer to a
    /// command the server carried out (a plain cut can eat an SMTP server's "250 OK" for a mail it
    /// kept, which no client can tell from a mail it lost).
    /// </summary>
    public async Task DownAfterAsync(TimeSpan grace)
    {
        _holding = true;
        await Task.Delay(grace);
        Down();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (_down)
            {
                Reset(client);
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target, _stop.Token);
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var a = ForwardClientAsync(client.GetStream(), upstream.GetStream(), both.Token);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), both.Token);
            await Task.WhenAny(a, b);
            await both.CancelAsync();
        }
        catch (Exception)
        {
            // A cut connection ends here; the client sees the reset.
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(client);
                _connections.Remove(upstream);
            }
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task ForwardClientAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (!_holding)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
    }

    /// <summary>Closes with a reset, as a dead peer would, rather than a polite FIN.</summary>
    private static void Reset(TcpClient connection)
    {
        try
        {
            connection.Client?.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Down();
        await _accepting;
        _stop.Dispose();
    }
}

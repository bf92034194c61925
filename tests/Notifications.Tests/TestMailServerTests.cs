using System.Net;
using System.Net.Sockets;
using Buurt.Testing;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The SMTP-down tests stop and restart their smtp4dev on the same ports. One that starts while its
/// SMTP port is still held (the killed server's child not gone yet) runs on with its API but no
/// SMTP; the restart must see that and start again once the port is free, or every later mail
/// test of the fixture fails (CI, stop 28: four ReliabilityTests).
/// </summary>
public sealed class TestMailServerTests
{
    [Fact]
    public async Task A_restart_while_the_SMTP_port_is_still_held_greets_once_the_port_is_free()
    {
        await using var mail = await TestMailServer.StartAsync();
        await mail.StopAsync();
        var holder = new TcpListener(IPAddress.Loopback, mail.SmtpPort);
        holder.Start();
        _ = Task.Delay(TimeSpan.FromSeconds(8)).ContinueWith(_ => holder.Stop(), TaskScheduler.Default);
        var started = DateTime.UtcNow;
        await mail.StartAgainAsync();
        Assert.True(DateTime.UtcNow - started > TimeSpan.FromSeconds(7)); // it waited for the port, not returned with an SMTP-less server
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, mail.SmtpPort);
        using var reader = new StreamReader(client.GetStream());
        Assert.StartsWith("220", await reader.ReadLineAsync());
    }
}

using System.Net.Http.Headers;
using System.Text;

namespace Buurt.Testing;

/// <summary>A RabbitMQ virtual host of a fixture's own, so its queues and exchanges meet no one else's.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private static readonly HttpClient s_management = CreateManagementClient();

    private TestBroker(string virtualHost) => VirtualHost = virtualHost;

    public string VirtualHost { get; }

    /// <summary>AMQP URI of this virtual host.</summary>
    public Uri Uri => WithVirtualHost(TestServers.RabbitMq, VirtualHost);

    /// <summary>The same virtual host reached through another host and port (e.g. a <see cref="TcpProxy"/>).</summary>
    public Uri UriVia(int port) => new UriBuilder(Uri) { Host = "127.0.0.1", Port = port }.Uri;

    public static async Task<TestBroker> CreateAsync()
    {
        var name = TestServers.UniqueName("t");
        (await s_management.PutAsync($"api/vhosts/{name}", Json("{}"))).EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(TestServers.RabbitMq.UserInfo.Split(':')[0]);
        (await s_management.PutAsync($"api/permissions/{name}/{user}", Json("""{"configure":".*","write":".*","read":".*"}""")))
            .EnsureSuccessStatusCode();
        return new TestBroker(name);
    }

    /// <summary>Messages waiting in a queue of this virtual host (the management API's view, refreshed every few seconds).</summary>
    public async Task<string> QueuesJsonAsync() => await s_management.GetStringAsync($"api/queues/{VirtualHost}");

    public async ValueTask DisposeAsync() => await s_management.DeleteAsync($"api/vhosts/{VirtualHost}");

    private static Uri WithVirtualHost(Uri broker, string virtualHost) =>
        new UriBuilder(broker) { Path = "/" + virtualHost }.Uri;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpClient CreateManagementClient()
    {
        var management = TestServers.RabbitMqManagement;
        var client = new HttpClient { BaseAddress = new UriBuilder(management) { UserName = "", Password = "" }.Uri };
        if (management.UserInfo.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        }
        return client;
    }
}

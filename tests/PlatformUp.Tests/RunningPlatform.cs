using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Buurt.PlatformUp.Tests;

/// <summary>
/// The platform as <c>./platform up --no-demo</c> runs it: separate processes, built as they ship,
/// reached only through the gateway. <c>./platform test</c> starts it on port 18080 and names it in
/// BUURT_TEST_PLATFORM (the gateway's management port in BUURT_TEST_PLATFORM_MANAGEMENT), with the
/// operator's secret in BUURT_TEST_OPERATOR_SECRET and its smtp4dev in BUURT_TEST_SMTP4DEV; nothing
/// here starts or changes a part of it other than through its APIs.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    private TestBrowser _browser = null!;

    public Uri Gateway { get; } = new(Setting("BUURT_TEST_PLATFORM"));

    /// <summary>The gateway's management port: its health and metrics, never on the public port.</summary>
    public Uri Management { get; } = new(Setting("BUURT_TEST_PLATFORM_MANAGEMENT"));

    public string OperatorSecret { get; } = Setting("BUURT_TEST_OPERATOR_SECRET");

    public TestMailServer Mail { get; } = TestMailServer.Running(0, new Uri(Setting("BUURT_TEST_SMTP4DEV")));

    private static string Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            $"{name} is not set: these tests run against the platform that `./platform test` starts (as `./platform up --no-demo` runs it).");

    /// <summary>A municipality's site: its own host name (*.localhost is loopback to the browser).</summary>
    public string Site(string host) => $"http://{host}:{Gateway.Port}";

    /// <summary>
    /// A client of the gateway under a host name (no name lookup of *.localhost needed), with a token if given.
    /// Its time-out is generous: a freshly started platform runs each request's code for the first time
    /// (identity's first POST /tenants took 12 s in containers at a load average of 73, the second 1 s).
    /// </summary>
    public HttpClient Client(string host = "localhost", string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Gateway.Port}/"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Host = $"{host}:{Gateway.Port}";
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A fresh browser (no cookies) with generous waits: the whole platform runs on a busy machine.</summary>
    public Task<IPage> NewPageAsync() => _browser.NewPageAsync(TimeSpan.FromSeconds(60));

    public async ValueTask InitializeAsync() => _browser = await TestBrowser.StartAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();
}

using Microsoft.Playwright;

namespace Buurt.Testing.Browser;

/// <summary>
/// Debian's Chromium (BUURT_CHROMIUM overrides the path), headless and without the sandbox (tests run
/// as root), under Playwright: the browser cannot be downloaded here, so it is never Playwright's own.
/// </summary>
public sealed class TestBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private TestBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<TestBrowser> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("BUURT_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox"],
            Headless = true,
            Timeout = 30_000,
        });
        return new TestBrowser(playwright, browser);
    }

    /// <summary>A page in a fresh context (no cookies), waiting at most <paramref name="timeout"/> for anything.</summary>
    public async Task<IPage> NewPageAsync(TimeSpan timeout)
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

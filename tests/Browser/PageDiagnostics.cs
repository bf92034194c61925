using Microsoft.Playwright;

namespace Buurt.Testing.Browser;

public static class PageDiagnostics
{
    /// <summary>
    /// <see cref="IPage.WaitForURLAsync(string, PageWaitForURLOptions?)"/>, but a timeout says where the
    /// browser is instead and what the page shows (a form's error, an error page), so a failure in CI
    /// can be read without rerunning it.
    /// </summary>
    public static async Task WaitForUrlOrExplainAsync(this IPage page, string url)
    {
        try
        {
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException e)
        {
            string shown;
            try
            {
                shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException unreadable)
            {
                shown = $"(unreadable: {unreadable.Message})";
            }
            shown = shown.Length > 1_500 ? shown[..1_500] + "…" : shown;
            throw new TimeoutException($"Waited for {url}; the browser is at {page.Url}, showing:\n{shown}", e);
        }
    }
}

using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>The contact-point fields the network pages share (an organisation's first point, a function's or a person's point).</summary>
internal static class ContactPointForm
{
    /// <summary>
    /// Sends a phone number that is none in the form of the <paramref name="value"/> field (its kind field
    /// <paramref name="kind"/>); contacts' error stands at the field ("Gegeven: …").
    /// </summary>
    public static async Task SendPhoneThatIsNoneAsync(IPage page, string kind = "pointKind", string value = "pointValue")
    {
        await page.SelectOptionAsync($"#{kind}", "phone");
        await page.Locator($"#{value}").FillAsync("bel ons maar");
        await page.Locator($"form:has(#{value}) button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync($"#{value}", "aria-invalid"));
        Assert.StartsWith("Gegeven:", (await page.InnerTextAsync($"#{value}-error")).Trim(), StringComparison.Ordinal);
    }
}

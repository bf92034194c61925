using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>Moving through a page with the keyboard only.</summary>
internal static class Keys
{
    /// <summary>Presses Tab until the focus is on the element with that text (or id); fails after 80 presses.</summary>
    public static Task TabToAsync(IPage page, string text, string? id = null) =>
        TabUntilAsync(page, id is not null
            ? $"document.activeElement.id === {System.Text.Json.JsonSerializer.Serialize(id)}"
            : $"(document.activeElement.textContent ?? '').trim() === {System.Text.Json.JsonSerializer.Serialize(text)}",
            id ?? text);

    /// <summary>Presses Tab until <paramref name="condition"/> (JavaScript about document.activeElement) holds; fails after 80 presses.</summary>
    public static async Task TabUntilAsync(IPage page, string condition, string what)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => Boolean({condition})"))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {what} on {page.Url}");
    }
}

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>axe-core on the page as it is now, with the WCAG 2.1 A and AA rules: the violations, readable.</summary>
internal static class Axe
{
    private static readonly AxeRunOptions s_wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(s_wcag21AA);
        var found = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(found.Count == 0, $"{page.Url}: {found.Count} axe violation(s):\n{string.Join("\n", found)}");
    }
}

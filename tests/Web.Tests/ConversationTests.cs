using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// Polls, updates and comments on the initiative's page: read by everyone; a resident votes, comments
/// and reports a comment with form posts, each answered with a confirmation or the errors at the field.
/// Each test opens its own poll, so the tests do not depend on each other.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConversationTests(WebPlatform platform)
{
    private string InitiativePage => $"{platform.Site()}/initiatieven/{platform.InitiativeId}";

    [Fact]
    public async Task A_visitor_reads_polls_updates_and_comments_and_is_asked_to_sign_in_to_take_part()
    {
        var poll = await OpenPollAsync("Welke kleur krijgt het bankje?", ["Groen", "Blauw"], results: "live");
        var later = await OpenPollAsync("Waar komt het bankje?", ["Bij de schommel", "Bij de zandbak"], results: "after-closing");
        using var director = await platform.SignedInAsync(Demo.Director);
        using var update = await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/updates",
            new { text = "De offerte voor het bankje is binnen." });
        Assert.True(update.IsSuccessStatusCode);
        var comment = await CommentAsync("Goed idee, ik help met schilderen.");

        var page = await platform.NewPageAsync();
        await page.GotoAsync(InitiativePage);

        Assert.Contains("Welke kleur krijgt het bankje?", await page.InnerTextAsync($"#poll-{poll}"), StringComparison.Ordinal);
        Assert.Contains("Groen: 0 (0%)", await page.InnerTextAsync($"#poll-{poll}"), StringComparison.Ordinal);
        Assert.Contains("De uitslag is te zien als de peiling gesloten is.", await page.InnerTextAsync($"#poll-{later}"), StringComparison.Ordinal);
        Assert.Contains("De gemeente", await page.InnerTextAsync("#updates ~ ul"), StringComparison.Ordinal);
        Assert.Contains("De offerte voor het bankje is binnen.", await page.InnerTextAsync("#updates ~ ul"), StringComparison.Ordinal);
        Assert.Contains("Goed idee, ik help met schilderen.", await page.InnerTextAsync($"#comment-{comment}"), StringComparison.Ordinal);
        // Signed out: links to sign in, no forms to vote or comment, no report links.
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Log in om te stemmen" }).First.IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Log in om te reageren" }).IsVisibleAsync());
        Assert.Equal(0, await page.Locator("input[name^='option-'], #text").CountAsync());
        Assert.Equal(0, await page.Locator($"#comment-{comment} a").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // A comment the director hides shows why, not its text.
        using var hide = await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/comments/{comment}/hide",
            new { reason = "Persoonlijke gegevens" });
        Assert.True(hide.IsSuccessStatusCode);
        await page.GotoAsync($"{InitiativePage}?lang=en");
        Assert.Contains("This comment has been hidden: Persoonlijke gegevens", await page.InnerTextAsync($"#comment-{comment}"), StringComparison.Ordinal);
        Assert.DoesNotContain("schilderen", await page.InnerTextAsync($"#comment-{comment}"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_votes_once_with_the_choice_checked_first()
    {
        var poll = await OpenPollAsync("Wanneer zetten we het bankje neer?", ["Zaterdag", "Zondag", "Maakt niet uit"], results: "live");
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");
        var card = page.Locator($"#poll-{poll}");

        // Sent without a choice: the summary takes the focus and links to the choice.
        await card.GetByRole(AriaRole.Button, new() { Name = "Stemmen" }).ClickAsync();
        await page.WaitForSelectorAsync("#error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Equal($"#option-{poll}", await page.GetAttributeAsync("#error a", "href"));
        Assert.Equal("Kies een antwoord.", (await page.InnerTextAsync($"#option-{poll}-error")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        await card.GetByLabel("Zondag").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Stemmen" }).ClickAsync();
        await page.WaitForURLAsync($"{InitiativePage}?gestemd=1#polls");
        Assert.Contains("Dank u wel: uw stem is geteld.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Zondag: 1 (100%)", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Aantal stemmen: 1.", await card.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // A second vote is refused, and the page says why.
        await card.GetByLabel("Zaterdag").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Stemmen" }).ClickAsync();
        await card.GetByText("U hebt al gestemd in deze peiling.").WaitForAsync();
        Assert.Contains("Zondag: 1 (100%)", await card.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_resident_comments_with_the_errors_at_the_field_and_reports_a_comment_once()
    {
        var other = await CommentAsync("Een bankje is zonde van het geld.");
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");

        // Empty: our own check. Too long (past the field's maxlength): the API's rule, at the same field, with the text kept.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactie plaatsen" }).ClickAsync();
        await page.WaitForSelectorAsync("#error");
        Assert.Equal("true", await page.GetAttributeAsync("#text", "aria-invalid"));
        Assert.Equal("Vul uw reactie in.", (await page.InnerTextAsync("#text-error")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        var tooLong = new string('a', 2001);
        await page.EvalOnSelectorAsync("#text", "e => e.removeAttribute('maxlength')");
        await page.Locator("#text").FillAsync(tooLong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactie plaatsen" }).ClickAsync();
        await page.WaitForSelectorAsync("#text-error");
        Assert.StartsWith("Uw reactie:", (await page.InnerTextAsync("#text-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal(tooLong, await page.InputValueAsync("#text"));
        Assert.Equal($"/initiatieven/{platform.InitiativeId}", new Uri(page.Url).AbsolutePath);

        await page.Locator("#text").FillAsync("Ik kom zaterdag helpen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactie plaatsen" }).ClickAsync();
        await page.WaitForURLAsync("**gereageerd=1**");
        Assert.Contains("Uw reactie is geplaatst.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Ik kom zaterdag helpen.", await page.InnerTextAsync("#comments ~ ol"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Report the other resident's comment: its own page, the reason asked for, then the thanks.
        await page.GotoAsync(InitiativePage);
        await page.Locator($"#comment-{other} a").ClickAsync();
        await page.WaitForURLAsync($"{InitiativePage}/reacties/{other}/melden");
        Assert.Contains("Een bankje is zonde van het geld.", await page.InnerTextAsync("blockquote"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
        await page.WaitForSelectorAsync("#reason-error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#reason").FillAsync("Dit is geen reactie op het plan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
        await page.WaitForURLAsync($"{InitiativePage}?gemeld=1#comments");
        Assert.Contains("Dank u wel: uw melding is ontvangen.", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Once only: a second report says so on the report page.
        await page.GotoAsync($"{InitiativePage}/reacties/{other}/melden");
        await page.Locator("#reason").FillAsync("Nog een keer.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
        await page.Locator("#refusal").WaitForAsync();
        Assert.Contains("U hebt deze reactie al gemeld.", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        Assert.Equal(1, await ReportCountAsync(other));
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_initiator_posts_an_update_with_the_errors_at_the_field_and_another_resident_gets_no_form()
    {
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, returnUrl: $"/initiatieven/{platform.InitiativeId}");
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Bericht plaatsen" });

        // Empty: our own check, the summary takes the focus and links to the field.
        await send.ClickAsync();
        await page.WaitForSelectorAsync("#error");
        // The summary takes the focus by script once the page shows: wait for it.
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
        Assert.Equal("#update-text", await page.GetAttributeAsync("#error a", "href"));
        Assert.Equal("true", await page.GetAttributeAsync("#update-text", "aria-invalid"));
        Assert.Equal("Vul uw bericht in.", (await page.InnerTextAsync("#update-text-error")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        // Too long (past the field's maxlength): the API's rule at the same field, the text kept.
        var tooLong = new string('b', 4001);
        await page.EvalOnSelectorAsync("#update-text", "e => e.removeAttribute('maxlength')");
        await page.Locator("#update-text").FillAsync(tooLong);
        await send.ClickAsync();
        await page.WaitForSelectorAsync("#update-text-error");
        Assert.StartsWith("Uw bericht:", (await page.InnerTextAsync("#update-text-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal(tooLong, await page.InputValueAsync("#update-text"));

        await page.Locator("#update-text").FillAsync("De gemeente heeft het bankje besteld.");
        await send.ClickAsync();
        await page.WaitForURLAsync($"{InitiativePage}?bericht=1#updates");
        Assert.Contains("Uw bericht is geplaatst.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var newest = page.Locator("#updates ~ ul li").First;
        Assert.Contains("De gemeente heeft het bankje besteld.", await newest.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("De initiatiefnemers", await newest.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("", await page.InputValueAsync("#update-text"));
        await Axe.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{InitiativePage}?lang=en");
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();

        // Another resident of the municipality sees the update, but no form (and the API would refuse them).
        var other = await platform.NewPageAsync();
        await platform.SignInAsync(other, Demo.ResidentOost, returnUrl: $"/initiatieven/{platform.InitiativeId}");
        Assert.Contains("De gemeente heeft het bankje besteld.", await other.InnerTextAsync("#updates ~ ul"), StringComparison.Ordinal);
        Assert.Equal(0, await other.Locator("#update-text").CountAsync());
        await other.Context.CloseAsync();
        using var oost = await platform.SignedInAsync(Demo.ResidentOost);
        using var refused = await oost.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/updates", new { text = "Ik ook." });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>The director of Zuid opens a poll on the demo initiative, closing in a week.</summary>
    private async Task<Guid> OpenPollAsync(string question, string[] options, string results)
    {
        using var director = await platform.SignedInAsync(Demo.Director);
        using var response = await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/polls",
            new { question, options, closesAt = DateTimeOffset.UtcNow.AddDays(7), results });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>Another resident of Hilversum comments on the demo initiative.</summary>
    private async Task<Guid> CommentAsync(string text)
    {
        using var resident = await platform.SignedInAsync(Demo.ResidentOost);
        using var response = await resident.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/comments", new { text });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private async Task<int> ReportCountAsync(Guid comment)
    {
        using var client = platform.Client();
        var comments = await client.GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives/{platform.InitiativeId}/comments?pageSize=100");
        return comments.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == comment).GetProperty("reportCount").GetInt32();
    }
}

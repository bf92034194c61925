using System.Net;

namespace Buurt.Web.Tests;

/// <summary>The pages as a browser without script gets them, through the gateway on each municipality's host name.</summary>
[Collection(WebCollection.Name)]
public sealed class PageTests(WebPlatform platform)
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_sign_in_that_comes_back_broken_is_a_page_to_try_again_not_an_error()
    {
        using var site = platform.SiteClient();

        // A code and state no sign-in of this browser started (expired, replayed, or made up).
        var callback = await site.GetAsync("/signin-oidc?code=verzonnen&state=onbekend");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/inloggen/mislukt?returnUrl=%2F", callback.Headers.Location?.OriginalString);
        var page = await site.GetAsync(callback.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await HtmlAsync(page);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Inloggen is niet gelukt", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/inloggen?returnUrl=%2F\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_municipality_has_its_own_site_by_host_name_in_Dutch_with_its_own_tokens()
    {
        using var hilversum = platform.SiteClient(Demo.Hilversum);
        using var voorbeeldstad = platform.SiteClient(Demo.Voorbeeldstad);

        var home = await hilversum.GetAsync("/");
        var html = await HtmlAsync(home);
        var other = await HtmlAsync(await voorbeeldstad.GetAsync("/"));
        var theme = await hilversum.GetStringAsync("/theme.css");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Samen aan de buurt in Gemeente Hilversum", html, StringComparison.Ordinal);
        Assert.Contains("Zuid", html, StringComparison.Ordinal);
        Assert.Contains("Gemeente Voorbeeldstad", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Gemeente Hilversum", other, StringComparison.Ordinal);
        Assert.Contains("--basis-color-action-1-inverse-bg-default: #00529c;", theme, StringComparison.Ordinal);
        // The web app's own policy, kept by the gateway: no inline script.
        Assert.Contains("script-src 'self'", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_and_another_municipalitys_initiative_are_a_friendly_Dutch_404()
    {
        using var hilversum = platform.SiteClient(Demo.Hilversum);
        using var voorbeeldstad = platform.SiteClient(Demo.Voorbeeldstad);

        var unknown = await hilversum.GetAsync("/bestaat-niet");
        var foreign = await voorbeeldstad.GetAsync($"/initiatieven/{platform.InitiativeId}");
        var own = await hilversum.GetAsync($"/initiatieven/{platform.InitiativeId}");
        var unknownWijk = await hilversum.GetAsync($"/wijken/{Demo.VoorbeeldstadNoord}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Pagina niet gevonden", await HtmlAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("Pagina niet gevonden", await HtmlAsync(foreign), StringComparison.Ordinal);
        Assert.DoesNotContain("Bankje bij de speeltuin", await HtmlAsync(foreign), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownWijk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Bankje bij de speeltuin", await HtmlAsync(own), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_initiative_page_shows_status_amount_in_Dutch_notation_and_the_answer_date()
    {
        using var site = platform.SiteClient();

        var html = await HtmlAsync(await site.GetAsync($"/initiatieven/{platform.InitiativeId}"));

        Assert.Contains("Ingediend", html, StringComparison.Ordinal);
        Assert.Contains("€ 850,50", html, StringComparison.Ordinal);
        Assert.Contains("Antwoord uiterlijk", html, StringComparison.Ordinal);
        Assert.Contains("De buurt onderhoudt het bankje.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_is_chosen_on_a_page_and_remembered_in_a_cookie()
    {
        var cookies = new CookieContainer();
        using var site = platform.SiteClient(cookies: cookies);

        var chosen = await site.GetAsync("/agenda?lang=en");
        var later = await HtmlAsync(await site.GetAsync("/initiatieven"));
        var cookie = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("buurt-lang=", StringComparison.Ordinal));

        Assert.Contains("<html lang=\"en\">", await HtmlAsync(chosen), StringComparison.Ordinal);
        Assert.Contains("buurt-lang=en", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"en\">", later, StringComparison.Ordinal);
        Assert.Contains("initiatives found", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postcode_leads_to_its_wijk_and_one_elsewhere_is_named_at_the_field()
    {
        using var site = platform.SiteClient();

        var found = await site.GetAsync("/?postcode=1221+AB");
        var elsewhere = await HtmlAsync(await site.GetAsync("/?postcode=9991"));

        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"{platform.Site()}/wijken/{Demo.Oost1221}", found.Headers.Location!.ToString());
        Assert.Contains("Deze postcode ligt niet in een wijk van deze gemeente.", elsewhere, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", elsewhere, StringComparison.Ordinal);
        Assert.Contains("value=\"9991\"", elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wijk_page_gathers_initiatives_budget_agenda_and_contacts()
    {
        using var site = platform.SiteClient();

        var html = await HtmlAsync(await site.GetAsync($"/wijken/{Demo.Zuid}"));

        Assert.Contains("Wijk Zuid", html, StringComparison.Ordinal);
        Assert.Contains("Bankje bij de speeltuin", html, StringComparison.Ordinal);
        Assert.Contains("Beschikbaar", html, StringComparison.Ordinal);
        Assert.Matches(@"€\s[\d.]+,\d\d", html);
        Assert.Contains("Koffieochtend in De Geus", html, StringComparison.Ordinal);
        Assert.Contains("Wijkregisseur", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agenda_and_an_office_hours_page_show_its_walk_in_part()
    {
        using var site = platform.SiteClient();

        // The demo's wijkagent of Zuid: Tuesdays 19:00–20:30, walk-in until 19:30, then slots of 15 minutes.
        var agenda = await HtmlAsync(await site.GetAsync($"/agenda?wijk={Demo.Zuid}"));
        var officeHour = await HtmlAsync(await site.GetAsync("/spreekuren/0193a0c0-0000-7000-8000-0000000a9e17"));

        Assert.Contains("Vrij inlopen tot 19:30, daarna op afspraak", agenda, StringComparison.Ordinal);
        Assert.Contains("Vrij inlopen", officeHour, StringComparison.Ordinal);
        Assert.Contains("19:00–19:30, zonder afspraak", officeHour, StringComparison.Ordinal);
        Assert.Contains("15 minuten", officeHour, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filters_and_the_page_are_in_the_url_and_search_is_Dutch_full_text()
    {
        using var site = platform.SiteClient();

        var fysiek = await HtmlAsync(await site.GetAsync($"/initiatieven?wijk={Demo.Zuid}&thema=fysiek&status=submitted"));
        var sociaal = await HtmlAsync(await site.GetAsync($"/initiatieven?wijk={Demo.Zuid}&thema=sociaal"));
        var search = await HtmlAsync(await site.GetAsync("/initiatieven?q=speeltuinen"));
        var nonsense = await site.GetAsync("/initiatieven?thema=%3Cscript%3E&wijk=geen-id&pagina=-3");

        Assert.Contains("Bankje bij de speeltuin", fysiek, StringComparison.Ordinal);
        Assert.Contains("selected", fysiek, StringComparison.Ordinal);
        Assert.DoesNotContain("Bankje bij de speeltuin", sociaal, StringComparison.Ordinal);
        Assert.Contains("Bankje bij de speeltuin", search, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
    }

    [Fact]
    public async Task Who_to_talk_to_answers_by_topic_and_postcode_and_names_a_bad_postcode()
    {
        using var site = platform.SiteClient();

        var answer = await HtmlAsync(await site.GetAsync("/wie?onderwerp=veiligheid&postcode=1221"));
        var bad = await HtmlAsync(await site.GetAsync("/wie?postcode=12"));

        Assert.Contains("Oost 1221", answer, StringComparison.Ordinal);
        Assert.Contains("Vul een postcode in zoals 1221 of 1221 AB.", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_refuse_posts_without_the_antiforgery_token_and_sign_in_guards_the_new_initiative()
    {
        using var site = platform.SiteClient();

        var signOut = await site.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var form = await site.GetAsync("/initiatieven/nieuw");

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("/connect/authorize", form.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(platform.Site(), form.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_keeps_api_docs_and_health_paths_from_the_web_app()
    {
        using var site = platform.SiteClient();

        var unknownApi = await site.GetAsync("/api/nope/v1/things");
        // Health and metrics answer on the gateway's management port only; here they are no page either.
        var health = await site.GetAsync("/health/live");
        var unknownHealth = await site.GetAsync("/health/nope");
        var metrics = await site.GetAsync("/metrics");
        var api = await site.GetAsync("/api/identity/v1/areas");

        foreach (var notHere in new[] { unknownApi, health, unknownHealth, metrics })
        {
            Assert.Equal(HttpStatusCode.NotFound, notHere.StatusCode);
            Assert.Equal("application/problem+json", notHere.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
    }
}

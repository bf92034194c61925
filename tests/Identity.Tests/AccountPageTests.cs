using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Buurt.Contracts.Identity;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>
/// The account pages as HTML: language, labels and autocomplete hints, errors next to their fields,
/// antiforgery, and the mails they send. The browser flows are in EndToEnd's BrowserLoginTests.
/// </summary>
public sealed partial class AccountPageTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private PublishedMessages Published => fixture.Identity.Published;

    /// <summary>A browser of the municipality, as the gateway passes it on: it keeps cookies and shows redirects instead of following them.</summary>
    private HttpClient Browser()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = fixture.Identity.Address,
        };
        client.DefaultRequestHeaders.Add(TenantHeaders.Internal, Demo.Hilversum);
        return client;
    }

    /// <summary>Opens the page and posts its form, as a browser does: to the form's action, with the antiforgery token as the page gave it.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return await browser.PostAsync(FormAction().Match(page).Groups[1].Value, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    /// <summary>The page holds each fragment, to the letter.</summary>
    private static void Shows(string html, params string[] fragments) =>
        Assert.All(fragments, fragment => Assert.Contains(fragment, html, StringComparison.Ordinal));

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    [Fact]
    public async Task The_login_page_speaks_Dutch_by_default_with_labels_and_autocomplete_hints()
    {
        var html = await HtmlAsync(await Browser().GetAsync("/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1"), HttpStatusCode.OK);

        Shows(html,
            "<html lang=\"nl\">",
            "<h1 class=\"utrecht-heading-1\">Inloggen</h1>",
            // The web app's look: its NL Design System CSS and the municipality's tokens (same host), its header.
            "<link rel=\"stylesheet\" href=\"/css/nlds.css\"",
            "<link rel=\"stylesheet\" href=\"/theme.css\"",
            "<body class=\"utrecht-document utrecht-document--surface buurt-theme utrecht-theme\">",
            "<a class=\"buurt-site-name\" href=\"/\">Gemeente Hilversum</a>",
            "Log in bij Buurt van gemeente hilversum.",
            "<label class=\"utrecht-form-label\" for=\"email\">E-mailadres</label>",
            "id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required />",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required />",
            "<input type=\"hidden\" name=\"returnUrl\" value=\"/connect/authorize?x=1\"",
            "<input type=\"hidden\" name=\"lang\" value=\"nl\"",
            "href=\"/account/login?lang=en&returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1\" lang=\"en\">English</a>");
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_speaks_English_on_request_and_links_on_in_English()
    {
        var browser = Browser();

        var login = await HtmlAsync(await browser.GetAsync("/account/login?lang=en"), HttpStatusCode.OK);
        var register = await HtmlAsync(await browser.GetAsync("/account/register?lang=en"), HttpStatusCode.OK);
        var forgot = await HtmlAsync(await browser.GetAsync("/account/forgot?lang=en"), HttpStatusCode.OK);
        var reset = await HtmlAsync(await browser.GetAsync("/account/reset?lang=en&email=a%40b.example"), HttpStatusCode.OK);

        Assert.All([login, register, forgot, reset], html => Shows(html,
            "<html lang=\"en\">",
            "lang=\"nl\">Nederlands</a>",
            "<input type=\"hidden\" name=\"lang\" value=\"en\""));
        Shows(login,
            "<h1 class=\"utrecht-heading-1\">Sign in</h1>",
            "<a class=\"utrecht-link utrecht-link--html-a\" href=\"/account/forgot?lang=en\">Forgot your password?</a>",
            "<a class=\"utrecht-link utrecht-link--html-a\" href=\"/account/register?lang=en&returnUrl=%2F\">No account yet? Create one</a>");
        Shows(register,
            "<h1 class=\"utrecht-heading-1\">Create an account</h1>",
            "id=\"postcode-hint\">For example 1221 AB. Your postcode decides your wijk.</div>",
            "autocomplete=\"postal-code\" required aria-describedby=\"postcode-hint\" />");
        Assert.Contains("<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Send me a code</button>", forgot, StringComparison.Ordinal);
        Shows(reset,
            "<label class=\"utrecht-form-label\" for=\"token\">Code from the e-mail</label>",
            "value=\"a@b.example\"");
    }

    [Theory]
    [InlineData("nl", "Dit wachtwoord is niet sterk genoeg")]
    [InlineData("en", "This password is not strong enough")]
    public async Task A_refused_registration_names_the_field_next_to_it_and_keeps_what_was_typed(string lang, string error)
    {
        var response = await PostAsync(Browser(), $"/account/register?lang={lang}", new()
        {
            ["displayName"] = "Lotte de Wit",
            ["email"] = $"nieuw.{Guid.NewGuid():N}@example.nl",
            ["password"] = "zwakzwakzwak",
            ["postcode"] = "1221 AB",
            ["lang"] = lang,
        });

        var html = await HtmlAsync(response, HttpStatusCode.BadRequest);
        Shows(html,
            "<div class=\"utrecht-alert utrecht-alert--error\" id=\"error\" role=\"alert\" tabindex=\"-1\" autofocus",
            $"<a class=\"utrecht-link\" href=\"#password\">{error}",
            $"<div class=\"utrecht-form-field-error-message\" id=\"password-error\">{error}",
            "id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required aria-describedby=\"password-hint password-error\" aria-invalid=\"true\" />",
            "value=\"Lotte de Wit\"");
        Assert.DoesNotContain("zwakzwakzwak", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"email-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_empty_field_is_named_and_an_address_with_an_account_is_a_conflict()
    {
        var browser = Browser();

        var empty = await HtmlAsync(await PostAsync(browser, "/account/register", new() { ["lang"] = "nl" }), HttpStatusCode.BadRequest);
        var taken = await HtmlAsync(await PostAsync(browser, "/account/register?lang=en", new()
        {
            ["displayName"] = "Sanne",
            ["email"] = Demo.Resident,
            ["password"] = "Buurt-2026-tuin",
            ["postcode"] = "1216",
            ["lang"] = "en",
        }), HttpStatusCode.Conflict);

        Shows(empty,
            "<div class=\"utrecht-form-field-error-message\" id=\"displayName-error\">Vul naam in.</div>",
            "<div class=\"utrecht-form-field-error-message\" id=\"email-error\">Vul e-mailadres in.</div>",
            "<div class=\"utrecht-form-field-error-message\" id=\"password-error\">Vul wachtwoord in.</div>",
            "<div class=\"utrecht-form-field-error-message\" id=\"postcode-error\">Vul postcode in.</div>");
        Assert.Contains("<div class=\"utrecht-form-field-error-message\" id=\"email-error\">There is already an account with this e-mail address.", taken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        var response = await Browser().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Demo.Resident,
            ["password"] = Demo.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("/connect/authorize?client_id=buurt-web", "/connect/authorize?client_id=buurt-web")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    public async Task Signing_in_goes_back_into_this_site_only(string returnUrl, string location)
    {
        var response = await PostAsync(Browser(), "/account/login", new()
        {
            ["email"] = Demo.ResidentOost,
            ["password"] = Demo.Password,
            ["returnUrl"] = returnUrl,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("buurt.session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nl", "Het e-mailadres of het wachtwoord klopt niet.")]
    [InlineData("en", "The e-mail address or the password is wrong.")]
    public async Task A_wrong_password_is_named_with_the_e_mail_address_in_the_page_s_language(string lang, string error)
    {
        var response = await PostAsync(Browser(), $"/account/login?lang={lang}", new()
        {
            ["email"] = Demo.Director,
            ["password"] = "niet-goed",
            ["lang"] = lang,
        });

        var html = await HtmlAsync(response, HttpStatusCode.BadRequest);
        Shows(html,
            $"<a class=\"utrecht-link\" href=\"#email\">{error}</a></li>",
            $"<div class=\"utrecht-form-field-error-message\" id=\"email-error\">{error}</div>",
            $"value=\"{Demo.Director}\"");
    }

    // The mail itself is the notifications service's (its tests read it in both languages); identity
    // publishes the request with the language and the code.
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_reset_mail_speaks_the_language_of_the_page_it_was_asked_on(string lang)
    {
        var seen = Published.Of<PasswordResetRequested>().Count();
        var response = await PostAsync(Browser(), $"/account/forgot?lang={lang}", new() { ["email"] = Demo.BudgetController, ["lang"] = lang });

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Contains("role=\"status\"", html, StringComparison.Ordinal);
        Assert.Equal($"/account/reset?lang={lang}&email=budget%40hilversum.example", Regex.Match(html, "href=\"(/account/reset[^\"]*)\"").Groups[1].Value);
        var requested = await Published.WaitForNewAsync<PasswordResetRequested>(seen, r => r.Email == Demo.BudgetController);
        Assert.Equal(lang, requested.Language);
        Assert.NotEmpty(requested.Code);
    }

    [Theory]
    [InlineData(null, "nl")] // the account's own language
    [InlineData("nl", "nl")]
    [InlineData("en", "en")]
    public async Task The_reset_mail_asked_through_the_API_is_in_the_accounts_language_unless_another_is_asked_for(string? language, string expected)
    {
        var seen = Published.Of<PasswordResetRequested>().Count();
        var response = await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.Partner, language });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, (await Published.WaitForNewAsync<PasswordResetRequested>(seen, r => r.Email == Demo.Partner)).Language);
    }

    [Fact]
    public async Task A_mail_language_other_than_Dutch_or_English_is_refused_naming_it() =>
        await fixture.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.Partner, language = "fr" })
            .ProblemAsync(HttpStatusCode.BadRequest, "language");
}

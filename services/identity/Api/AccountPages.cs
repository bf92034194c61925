using System.Security.Claims;
using System.Text.Encodings.Web;
using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Buurt.Identity.Api;

/// <summary>
/// The login page, in Dutch with English a click away: plain HTML that works on a phone, with
/// labels, autocomplete hints and errors announced to screen readers.
/// </summary>
public static class AccountPages
{
    public const string SessionScheme = "buurt.session";
    public const string LoginPath = "/account/login";

    public static void AddAccountSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = "buurt.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = LoginPath;
        });
        services.AddAntiforgery(o => o.Cookie.Name = "buurt.antiforgery");
    }

    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, ShowLogin).ExcludeFromDescription();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription();
    }

    private static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, string? returnUrl, string? lang) =>
        Page(http, antiforgery, tenant, Texts.For(lang), LocalOrRoot(returnUrl), email: null, error: null);

    private static async Task<IResult> LoginAsync(
        HttpContext http,
        IAntiforgery antiforgery,
        ITenantContext tenant,
        UserManager<BuurtUser> users,
        SignInManager<BuurtUser> signIn,
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        [FromForm] string? lang)
    {
        var texts = Texts.For(lang);
        var target = LocalOrRoot(returnUrl);
        if (tenant.TenantId is not { } tenantId)
        {
            return Page(http, antiforgery, tenant, texts, target, email, texts.NoTenant, StatusCodes.Status400BadRequest);
        }
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Page(http, antiforgery, tenant, texts, target, email, texts.Missing, StatusCodes.Status400BadRequest);
        }
        var user = await users.FindByNameAsync(BuurtUser.UserNameFor(tenantId, email));
        var check = user is null ? null : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check is null || !check.Succeeded)
        {
            var error = check?.IsLockedOut == true ? texts.LockedOut : texts.WrongPassword;
            return Page(http, antiforgery, tenant, texts, target, email, error, StatusCodes.Status400BadRequest);
        }
        var session = new ClaimsIdentity(
            [new Claim(BuurtClaims.Subject, user!.Id.ToString()), new Claim(BuurtClaims.Tenant, tenantId)],
            SessionScheme);
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(session));
        return Results.LocalRedirect(target);
    }

    /// <summary>Only back into this site: an open redirect would help phishing.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' ? url : "/";

    private static IResult Page(
        HttpContext http, IAntiforgery antiforgery, ITenantContext tenant, Texts t, string returnUrl,
        string? email, string? error, int status = StatusCodes.Status200OK)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var e = HtmlEncoder.Default;
        var other = t.Language == "nl" ? "en" : "nl";
        var errorBlock = error is null ? "" : $"""
            <div class="error" id="error" role="alert" tabindex="-1">{e.Encode(error)}</div>
            """;
        var html = $$"""
            <!doctype html>
            <html lang="{{t.Language}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{e.Encode(t.Title)}} – Buurt</title>
              <style>
                body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f5f5f0; }
                main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .5rem; }
                label { display: block; font-weight: 600; margin-top: 1rem; }
                input { width: 100%; box-sizing: border-box; font: inherit; padding: .6rem; border: 2px solid #555; border-radius: .25rem; }
                input:focus, button:focus, a:focus { outline: 3px solid #0b5cad; outline-offset: 2px; }
                button { margin-top: 1.5rem; width: 100%; font: inherit; font-weight: 600; padding: .75rem; color: #fff; background: #0b5cad; border: 0; border-radius: .25rem; cursor: pointer; }
                .error { margin: 1rem 0; padding: .75rem; border-left: 4px solid #b00020; background: #fdecee; color: #6b0013; }
                .lang { text-align: right; }
              </style>
            </head>
            <body>
              <main>
                <p class="lang"><a href="{{LoginPath}}?lang={{other}}&amp;returnUrl={{e.Encode(Uri.EscapeDataString(returnUrl))}}" lang="{{other}}">{{e.Encode(t.OtherLanguage)}}</a></p>
                <h1>{{e.Encode(t.Title)}}</h1>
                <p>{{e.Encode(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.Intro, tenant.TenantId ?? "Buurt"))}}</p>
                {{errorBlock}}
                <form method="post" action="{{LoginPath}}" novalidate>
                  <input type="hidden" name="{{token.FormFieldName}}" value="{{e.Encode(token.RequestToken!)}}">
                  <input type="hidden" name="returnUrl" value="{{e.Encode(returnUrl)}}">
                  <input type="hidden" name="lang" value="{{t.Language}}">
                  <label for="email">{{e.Encode(t.Email)}}</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{{e.Encode(email ?? "")}}"{{(error is null ? " autofocus" : "")}} aria-describedby="{{(error is null ? "" : "error")}}">
                  <label for="password">{{e.Encode(t.Password)}}</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">{{e.Encode(t.Submit)}}</button>
                </form>
              </main>
              {{(error is null ? "" : "<script>document.getElementById('error').focus()</script>")}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private sealed record Texts(
        string Language, string Title, string Intro, string Email, string Password, string Submit, string OtherLanguage,
        string WrongPassword, string LockedOut, string Missing, string NoTenant)
    {
        private static readonly Texts s_dutch = new(
            "nl", "Inloggen", "Log in bij Buurt van gemeente {0}.", "E-mailadres", "Wachtwoord", "Inloggen", "English",
            "Het e-mailadres of het wachtwoord klopt niet.",
            "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw.",
            "Vul uw e-mailadres en wachtwoord in.",
            "Open deze pagina via het adres van uw gemeente.");

        private static readonly Texts s_english = new(
            "en", "Sign in", "Sign in to Buurt of the municipality of {0}.", "E-mail address", "Password", "Sign in", "Nederlands",
            "The e-mail address or the password is wrong.",
            "This account is locked for a while after too many failed attempts. Please try again later.",
            "Enter your e-mail address and password.",
            "Open this page through your municipality's address.");

        /// <summary>
        /// Dutch first, English when chosen on the page. Not from the browser's language: many
        /// residents' browsers say English while they read Dutch more easily.
        /// </summary>
        public static Texts For(string? lang) => lang == "en" ? s_english : s_dutch;
    }
}

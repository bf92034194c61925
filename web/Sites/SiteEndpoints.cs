using System.Text.Json;
using Buurt.Ui;
using Buurt.Web.Api;
using Microsoft.AspNetCore.Localization;

namespace Buurt.Web.Sites;

/// <summary>
/// The municipality's look (/theme.css), its installable app's manifest, and the language choice,
/// remembered in a cookie.
/// </summary>
public static class SiteEndpoints
{
    /// <summary>The cookie that remembers the reader's language ("nl" or "en") for a year.</summary>
    public const string LanguageCookie = "buurt-lang";

    // The manifest's members are snake_case (short_name, start_url, theme_color).
    private static readonly JsonSerializerOptions s_manifestJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapSiteEndpoints(this WebApplication app)
    {
        app.MapGet("/theme.css", async (Site site, HttpContext http, CancellationToken cancellationToken) =>
        {
            // Per host (the tenant): browsers may keep it a few minutes. The site's pages link it with its
            // version (?v=), so a new colour is a new address; identity's account pages link it plainly.
            http.Response.Headers.CacheControl = "public, max-age=300";
            http.Response.Headers.Vary = "Host";
            return Results.Text((await site.ThemeAsync(cancellationToken)).Css, "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/manifest.webmanifest", async (Site site, HttpContext http, CancellationToken cancellationToken) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            http.Response.Headers.Vary = "Host";
            return Results.Json(await site.ManifestAsync(cancellationToken), s_manifestJson, "application/manifest+json");
        }).ExcludeFromDescription();
        // A booking for the resident's own calendar app: only its resident may read it, so the browser's link comes
        // here and the web app asks the calendar with the session's token.
        app.MapGet("/afspraken/{id:guid}/afspraak.ics", async (Guid id, CalendarApi calendar, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (await calendar.BookingIcsAsync(id, cancellationToken) is not { } ics)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(ics, "text/calendar; charset=utf-8", "afspraak.ics");
        }).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>
    /// Dutch unless the reader chose English: <c>?lang=en</c> (or nl) on any page sets the cookie,
    /// which every later page reads. Not from Accept-Language (libs/Ui Languages says why).
    /// </summary>
    public static void UseSiteLanguage(this WebApplication app)
    {
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new(Languages.Dutch),
            SupportedCultures = [Languages.Dutch, Languages.English],
            SupportedUICultures = [Languages.Dutch, Languages.English],
            RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = Languages.Parameter, UIQueryStringKey = Languages.Parameter },
                new CustomRequestCultureProvider(http => Task.FromResult<ProviderCultureResult?>(
                    IsLanguage(http.Request.Cookies[LanguageCookie]) ? new ProviderCultureResult(http.Request.Cookies[LanguageCookie]!) : null)),
            ],
        });
        app.Use((http, next) =>
        {
            var chosen = http.Request.Query[Languages.Parameter].ToString();
            if (IsLanguage(chosen) && http.Request.Cookies[LanguageCookie] != chosen)
            {
                http.Response.Cookies.Append(LanguageCookie, chosen, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                });
            }
            return next(http);
        });
    }

    private static bool IsLanguage(string? code) => code is "nl" or "en";
}

using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Buurt.Ui;

/// <summary>
/// Buurt's pages speak Dutch, or English when the reader chose it on the page (<c>?lang=en</c>,
/// posted back by every form). Not from the browser's Accept-Language: many residents' browsers
/// say English while they read Dutch more easily.
/// </summary>
public static class Languages
{
    /// <summary>The query parameter and form field that carry the chosen language.</summary>
    public const string Parameter = "lang";

    public static CultureInfo Dutch { get; } = CultureInfo.GetCultureInfo("nl");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>English for "en", Dutch for anything else (or nothing).</summary>
    public static CultureInfo FromCode(string? code) => code == "en" ? English : Dutch;

    /// <summary>The code of the request's language: "nl" or "en".</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    /// <summary>The code of the language the page offers to switch to.</summary>
    public static string Other => Current == "en" ? "nl" : "en";

    /// <summary>A link to a page in the request's language: "/account/forgot?lang=nl".</summary>
    public static string Link(string path, params (string Name, string Value)[] query) => LinkIn(Current, path, query);

    /// <summary>A link to a page in the given language, with more query parameters: "/account/login?lang=en&amp;returnUrl=%2F".</summary>
    public static string LinkIn(string language, string path, params (string Name, string Value)[] query) =>
        $"{path}?{Parameter}={language}" + string.Concat(query.Select(q => $"&{q.Name}={Uri.EscapeDataString(q.Value)}"));

    /// <summary>
    /// Sets each request's culture under <paramref name="pages"/> from its <c>lang</c> (query, or
    /// the posted form): the texts of the resources and the pages' lang attributes follow it.
    /// </summary>
    public static IApplicationBuilder UsePageLanguage(this IApplicationBuilder app, PathString pages) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(pages), branch => branch.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Dutch),
            SupportedCultures = [Dutch, English],
            SupportedUICultures = [Dutch, English],
            RequestCultureProviders = [new LangParameterProvider()],
        }));

    private sealed class LangParameterProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var request = httpContext.Request;
            var code = request.Query[Parameter].ToString();
            // A form whose antiforgery token failed is not read (the endpoint refuses it with 400).
            if (code.Length == 0 && httpContext.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false } && request.HasFormContentType)
            {
                try
                {
                    code = (await request.ReadFormAsync(httpContext.RequestAborted))[Parameter].ToString();
                }
                catch (InvalidDataException)
                {
                    // A form that cannot be read: Dutch, and the endpoint answers it.
                }
            }
            return code == "en" ? new ProviderCultureResult(English.Name) : null;
        }
    }
}

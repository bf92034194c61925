using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// A small HTML page a service answers itself, for links opened from a mail (withdraw a consent,
/// confirm a listing): a heading, text, maybe a one-button form; no script, readable on any phone.
/// Nothing keeps it (<c>no-store</c>), no referrer carries its address (the token is in it), and no
/// search engine lists it.
/// </summary>
public static class HtmlPage
{
    /// <summary>The page; <paramref name="body"/> is HTML the caller built with <see cref="Encode"/>.</summary>
    public static IResult Of(CultureInfo culture, string title, string body, int status = StatusCodes.Status200OK) =>
        new Page(culture, title, body, status);

    /// <summary>A text, encoded for HTML.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A form that POSTs to the page's own address with one button.</summary>
    public static string PostButton(string label) =>
        $"<form method=\"post\"><button type=\"submit\" style=\"font-size:1rem;padding:.5em 1em\">{Encode(label)}</button></form>";

    /// <summary>Dutch, or English when the link asks for it (<c>?lang=en</c>), as the account pages choose.</summary>
    public static CultureInfo CultureOf(HttpRequest request) =>
        CultureInfo.GetCultureInfo(request.Query["lang"] == "en" ? "en-GB" : "nl-NL");

    private sealed class Page(CultureInfo culture, string title, string body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Robots-Tag"] = "noindex";
            return response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\">" +
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                $"<title>{Encode(title)}</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:2em auto;padding:0 1em\">" +
                $"<main><h1>{Encode(title)}</h1>{body}</main></body></html>", httpContext.RequestAborted);
        }
    }
}

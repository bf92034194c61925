using System.Globalization;
using System.Net;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;

namespace Buurt.Notifications.Api;

/// <summary>
/// /api/notifications/v1/unsubscribe/{token}/{kind}: the link in every mail that is not
/// transactional. Opening it (GET) only shows a page with a button: mail scanners follow links, and
/// a link that acted on GET would unsubscribe people who never clicked. The page's button, and a mail
/// client's one-click POST (RFC 8058, body <c>List-Unsubscribe=One-Click</c>), switch that kind's
/// mail off. No sign-in: the token is the proof, as the mail was.
/// </summary>
public static class UnsubscribeApi
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder api)
    {
        var unsubscribe = api.MapGroup("/unsubscribe/{token}/{kind}").WithTags("Preferences").AllowAnonymous();
        unsubscribe.MapGet("", ShowAsync).WithName("UnsubscribePage").Produces(200, contentType: "text/html");
        unsubscribe.MapPost("", UnsubscribeAsync).WithName("Unsubscribe").Produces(200, contentType: "text/html").DisableAntiforgery();
    }

    private static async Task<IResult> ShowAsync(string token, string kind, PreferenceSettings settings, CancellationToken cancellationToken)
    {
        var language = await settings.LanguageOfAsync(token, cancellationToken);
        if (language is null || !TryKind(kind, out var chosen) || chosen.IsTransactional())
        {
            return Unknown(language);
        }
        var culture = CultureOf(language);
        var name = MessageTexts.KindName(chosen, culture);
        return Page(culture, MessageTexts.Text("UnsubscribeTitle", culture),
            $"<p>{E(MessageTexts.Text("UnsubscribeQuestion", culture, name))}</p>" +
            $"<form method=\"post\"><button type=\"submit\" name=\"List-Unsubscribe\" value=\"One-Click\">{E(MessageTexts.Text("UnsubscribeButton", culture))}</button></form>");
    }

    private static async Task<IResult> UnsubscribeAsync(string token, string kind, PreferenceSettings settings, CancellationToken cancellationToken)
    {
        if (!TryKind(kind, out var chosen) || !await settings.UnsubscribeAsync(token, chosen, cancellationToken))
        {
            return Unknown(await settings.LanguageOfAsync(token, cancellationToken));
        }
        var culture = CultureOf(await settings.LanguageOfAsync(token, cancellationToken));
        return Page(culture, MessageTexts.Text("UnsubscribedTitle", culture),
            $"<p>{E(MessageTexts.Text("UnsubscribedBody", culture, MessageTexts.KindName(chosen, culture)))}</p>");
    }

    /// <summary>A kind a mail can be unsubscribed from: any that can be chosen, and the digest.</summary>
    private static bool TryKind(string name, out NotificationKind kind)
    {
        kind = Kinds.All.Append(NotificationKind.Digest).FirstOrDefault(k => k.ApiName() == name);
        return kind.ApiName() == name;
    }

    /// <summary>An unknown or erased token, or a kind that has no unsubscribe: 404, with a page that says so.</summary>
    private static IResult Unknown(string? language)
    {
        var culture = CultureOf(language);
        return Page(culture, MessageTexts.Text("UnsubscribeTitle", culture), $"<p>{E(MessageTexts.Text("UnsubscribeUnknown", culture))}</p>", 404);
    }

    private static IResult Page(CultureInfo culture, string title, string body, int status = 200) => Results.Content(
        $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)}</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;max-width:36em;margin:2em auto;padding:0 1em\">" +
        $"<h1>{E(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", statusCode: status);

    private static CultureInfo CultureOf(string? language) => CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "nl-NL");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Domain;
using static Buurt.ServiceDefaults.Api.HtmlPage;

namespace Buurt.Contacts.Api;

/// <summary>
/// The links mailed to people of the network, opened without signing in (the token is the proof, as
/// the mailbox was): <c>/consent-links/{token}</c> withdraws a consent, <c>/verification-links/{token}</c>
/// confirms a listing. Opening one (GET) only shows a page with a button: mail scanners follow links,
/// and a link that acted on GET would withdraw consents nobody withdrew. The button POSTs; its answer
/// comes after the commit, so from that answer on nothing the consent covered is shown beyond staff.
/// Dutch pages, English with <c>?lang=en</c>.
/// </summary>
public static class LinksApi
{
    public static void MapLinks(this IEndpointRouteBuilder api)
    {
        var consent = api.MapGroup("/consent-links/{token}").WithTags("Links").AllowAnonymous();
        consent.MapGet("", ShowConsentAsync).WithName("ConsentLinkPage").Produces(200, contentType: "text/html")
            .WithSummary("Shows what the link's consent shows to whom, and a button to withdraw it; changes nothing.");
        consent.MapPost("", WithdrawAsync).WithName("WithdrawConsentByLink").Produces(200, contentType: "text/html").DisableAntiforgery()
            .WithSummary("Withdraws the link's consent (once; again shows that it was withdrawn). Takes effect with this answer.");
        var verification = api.MapGroup("/verification-links/{token}").WithTags("Links").AllowAnonymous();
        verification.MapGet("", ShowListingAsync).WithName("VerificationLinkPage").Produces(200, contentType: "text/html")
            .WithSummary("Shows the listing (\"is this still right?\") with a button to confirm it; changes nothing.");
        verification.MapPost("", ConfirmAsync).WithName("ConfirmListingByLink").Produces(200, contentType: "text/html").DisableAntiforgery()
            .WithSummary("Confirms the listing: its last-verified date becomes now.");
    }

    private static Task<IResult> ShowConsentAsync(string token, ConsentLinks links, HttpRequest request, CancellationToken cancellationToken) =>
        PageAsync(request, async culture =>
        {
            var view = await links.ShowAsync(token, cancellationToken);
            return view.WithdrawnAt is { } withdrawn ? WithdrawnPage(culture, withdrawn) : Of(culture, T("ConsentLinkTitle", culture),
                $"<p>{Encode(T("ConsentLinkQuestion", culture, view.Person.Name, Day(view.Consent.RecordedAt, culture), T("Visibility" + view.Consent.Visibility, culture)))}</p>" +
                Points(view.Points, culture) + $"<p>{Encode(T("ConsentLinkExplain", culture))}</p>" + PostButton(T("ConsentLinkButton", culture)));
        });

    private static Task<IResult> WithdrawAsync(string token, ConsentLinks links, HttpRequest request, CancellationToken cancellationToken) =>
        PageAsync(request, async culture => WithdrawnPage(culture, (await links.WithdrawAsync(token, cancellationToken)).WithdrawnAt!.Value));

    private static Task<IResult> ShowListingAsync(string token, Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        PageAsync(request, async culture =>
        {
            var view = await verifications.ShowAsync(token, cancellationToken);
            return Of(culture, T("VerificationTitle", culture),
                $"<p>{Encode(T("VerificationQuestion", culture, view.Name, Day(view.LastVerifiedAt, culture)))}</p>" +
                (view.Description is { } description ? $"<p>{Encode(description)}</p>" : "") + Points(view.Points, culture) +
                $"<p>{Encode(T("VerificationChanges", culture))}</p>" + PostButton(T("VerificationButton", culture)));
        });

    private static Task<IResult> ConfirmAsync(string token, Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        PageAsync(request, async culture => Of(culture, T("VerifiedTitle", culture),
            $"<p>{Encode(T("VerifiedBody", culture, Day((await verifications.ConfirmAsync(token, cancellationToken)).LastVerifiedAt, culture)))}</p>"));

    /// <summary>The page, or for an unknown link (or one whose person or organisation is gone) a 404 page that says so.</summary>
    private static async Task<IResult> PageAsync(HttpRequest request, Func<CultureInfo, Task<IResult>> page)
    {
        var culture = CultureOf(request);
        try
        {
            return await page(culture);
        }
        catch (RuleException e) when (e.Kind == RuleKind.NotFound)
        {
            return Of(culture, T("LinkUnknownTitle", culture), $"<p>{Encode(T("LinkUnknownBody", culture))}</p>", StatusCodes.Status404NotFound);
        }
    }

    private static IResult WithdrawnPage(CultureInfo culture, DateTimeOffset withdrawnAt) =>
        Of(culture, T("ConsentWithdrawnTitle", culture), $"<p>{Encode(T("ConsentWithdrawnBody", culture, Day(withdrawnAt, culture)))}</p>");

    private static string Points(IEnumerable<ContactPoint> points, CultureInfo culture) =>
        "<ul>" + string.Concat(points.Select(p => $"<li>{Encode(T("Kind" + p.Kind, culture))}: {Encode(p.Value)}</li>")) + "</ul>";

    private static string Day(DateTimeOffset at, CultureInfo culture) => NetworkCalendar.Today(at).ToString("d MMMM yyyy", culture);

    private static string T(string name, CultureInfo culture, params object?[] values)
    {
        var text = LinkTexts.ResourceManager.GetString(name, culture) ?? throw new InvalidOperationException($"LinkTexts has no {name}.");
        return values.Length == 0 ? text : string.Format(culture, text, values);
    }
}

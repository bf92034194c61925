using System.Globalization;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Domain;
using Microsoft.AspNetCore.Mvc;
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
        // An organisation's link also corrects what its partners may change. The page's forms POST here
        // (form fields); each answers 303 to the link's page, so a reload repeats nothing. Bad input: 400 naming the field.
        verification.MapPost("/description", ChangeDescriptionAsync).WithName("ChangeDescriptionByLink").DisableAntiforgery()
            .Produces(303).ProducesValidationProblem().WithSummary("Changes the organisation's description (form field description; empty removes it).");
        verification.MapPost("/contact-points", AddPointAsync).WithName("AddContactPointByLink").DisableAntiforgery()
            .Produces(303).ProducesValidationProblem().WithSummary("Adds a contact point to the organisation (form fields kind, value, label?, visibility?: public by default).");
        verification.MapPost("/contact-points/{pointId:guid}", ChangePointAsync).WithName("ChangeContactPointByLink").DisableAntiforgery()
            .Produces(303).ProducesValidationProblem().WithSummary("Changes a point's value and label (form fields value, label?); its kind and visibility stay.");
        verification.MapPost("/contact-points/{pointId:guid}/removal", RemovePointAsync).WithName("RemoveContactPointByLink").DisableAntiforgery()
            .Produces(303).WithSummary("Removes one of the organisation's contact points.");
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
                PostButton(T("VerificationButton", culture)) +
                (view.Kind == ListingKind.Organisation ? CorrectionForms(token, view, culture) : $"<p>{Encode(T("VerificationChanges", culture))}</p>"));
        });

    private static Task<IResult> ChangeDescriptionAsync(string token, [FromForm] string? description, Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        CorrectedAsync(request, token, verifications.ChangeDescriptionAsync(token, description, cancellationToken));

    private static Task<IResult> AddPointAsync(
        string token, [FromForm] string? kind, [FromForm] string? value, [FromForm] string? label, [FromForm] string? visibility,
        Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        CorrectedAsync(request, token, verifications.AddContactPointAsync(token,
            new NewContactPoint(Named<ContactPointKind>(kind, "kind"), Required(value, "value"),
                string.IsNullOrWhiteSpace(visibility) ? Visibility.Public : Named<Visibility>(visibility, "visibility"), label), cancellationToken));

    private static Task<IResult> ChangePointAsync(
        string token, Guid pointId, [FromForm] string? value, [FromForm] string? label, Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        CorrectedAsync(request, token, verifications.ChangeContactPointAsync(token, pointId, Required(value, "value"), label, cancellationToken));

    private static Task<IResult> RemovePointAsync(string token, Guid pointId, Verifications verifications, HttpRequest request, CancellationToken cancellationToken) =>
        CorrectedAsync(request, token, verifications.RemoveContactPointAsync(token, pointId, cancellationToken));

    /// <summary>After a correction: 303 to the link's page (in the page's language), which shows the listing as it is now.</summary>
    private static Task<IResult> CorrectedAsync(HttpRequest request, string token, Task<ListingView> correction) =>
        PageAsync(request, async culture =>
        {
            await correction;
            return new SeeOther(PagePath(token, culture));
        });

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            Caching.NotStored(httpContext.Response);
            return Task.CompletedTask;
        }
    }

    /// <summary>The forms of an organisation's link: its description, each point (change, remove), a new point.</summary>
    private static string CorrectionForms(string token, ListingView view, CultureInfo culture)
    {
        string Action(string path) => Encode(PagePath(token, culture, path));
        var field = "display:block;width:100%;margin:.25em 0 .5em";
        var points = string.Concat(view.Points.Select(p =>
            $"<form method=\"post\" action=\"{Action($"/contact-points/{p.Id}")}\"><label>{Encode(T("Kind" + p.Kind, culture))}" +
            $"<input name=\"value\" required maxlength=\"{ContactPoint.ValueMaxLength}\" value=\"{Encode(p.Value)}\" style=\"{field}\"></label>" +
            $"<label>{Encode(T("CorrectLabel", culture))}<input name=\"label\" maxlength=\"{ContactPoint.LabelMaxLength}\" value=\"{Encode(p.Label ?? "")}\" style=\"{field}\"></label>" +
            $"<button type=\"submit\">{Encode(T("CorrectSave", culture))}</button> " +
            $"<button type=\"submit\" formaction=\"{Action($"/contact-points/{p.Id}/removal")}\">{Encode(T("CorrectRemove", culture))}</button></form>"));
        var kinds = string.Concat(new[] { ContactPointKind.Phone, ContactPointKind.Email, ContactPointKind.Website, ContactPointKind.Address }
            .Select(k => $"<option value=\"{ApiNames.Of(k)}\">{Encode(T("Kind" + k, culture))}</option>"));
        return $"<h2>{Encode(T("CorrectTitle", culture))}</h2><p>{Encode(T("CorrectExplain", culture))}</p>" +
            $"<form method=\"post\" action=\"{Action("/description")}\"><label>{Encode(T("CorrectDescription", culture))}" +
            $"<textarea name=\"description\" rows=\"4\" maxlength=\"{Organisation.DescriptionMaxLength}\" style=\"{field}\">{Encode(view.Description ?? "")}</textarea></label>" +
            $"<button type=\"submit\">{Encode(T("CorrectSave", culture))}</button></form>" + points +
            $"<h3>{Encode(T("CorrectNewPoint", culture))}</h3><form method=\"post\" action=\"{Action("/contact-points")}\">" +
            $"<select name=\"kind\" style=\"{field}\">{kinds}</select>" +
            $"<input name=\"value\" required maxlength=\"{ContactPoint.ValueMaxLength}\" style=\"{field}\">" +
            $"<label>{Encode(T("CorrectLabel", culture))}<input name=\"label\" maxlength=\"{ContactPoint.LabelMaxLength}\" style=\"{field}\"></label>" +
            $"<button type=\"submit\">{Encode(T("CorrectAdd", culture))}</button></form>";
    }

    /// <summary>The link's page (or one of its form targets, <paramref name="path"/>), absolute: a form's answer lives at another address.</summary>
    private static string PagePath(string token, CultureInfo culture, string path = "") =>
        $"/api/contacts/v1/verification-links/{Uri.EscapeDataString(token)}{path}" + (culture.TwoLetterISOLanguageName == "en" ? "?lang=en" : "");

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw RuleException.Invalid(field, $"Give the {field}.") : value;

    /// <summary>A form's enum value as the API spells it (phone, social-work); otherwise a 400 naming the field and listing the known ones.</summary>
    private static T Named<T>(string? value, string field)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => ApiNames.Of(v) == value?.Trim()).Select(v => (T?)v).FirstOrDefault()
            ?? throw RuleException.Invalid(field, $"Unknown {field} '{value}'. Known: {string.Join(", ", Enum.GetValues<T>().Select(ApiNames.Of))}.");

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

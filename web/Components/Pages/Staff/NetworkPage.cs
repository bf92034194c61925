using Buurt.Web.Api;
using Buurt.Web.Components.Layout;
using Buurt.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// What the network's listing pages share: the posted form as typed, the page's own and the API's
/// errors at the fields (with the status of the answer), the API's refusal in the reader's words,
/// and the way back to the page with a confirmation (<c>?gelukt=</c>) after a change.
/// </summary>
public abstract class NetworkPage : StaffFormPage
{
    [CascadingParameter]
    protected Werkplek Werkplek { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "gelukt")]
    protected string? Done { get; set; }

    /// <summary>The fields of the posted form as typed (null when empty), to show them again with the errors.</summary>
    protected Dictionary<string, string?> Posted(params string[] names) =>
        names.ToDictionary(n => n, n => SettingsForms.Value(HttpContext!.Request.Form, n));

    /// <summary>A failed read: false after saying why (and keeping the API's status: a 404, another municipality's listing, shows the not-found page; a 401 signs in again).</summary>
    protected bool Loaded(ApiProblem? problem)
    {
        if (problem is null)
        {
            return true;
        }
        SayRefused(problem, WebTexts.TryAgainLater);
        return false;
    }

    /// <summary>The API's field errors at the fields (<paramref name="field"/>: where an API field is shown); anything else its refusal.</summary>
    protected void Answer(ApiProblem problem, IReadOnlyDictionary<string, string> labels, Func<string, string>? field = null)
    {
        if (problem.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict && problem.Errors.Count > 0)
        {
            Refuse(FormErrors.FromApi(problem, labels, field), problem.Status);
            return;
        }
        SayRefused(problem, NetworkTexts.ListingRefused);
    }

    /// <summary>Back to <paramref name="path"/> in this wijk with the confirmation, at <paramref name="anchor"/>.</summary>
    protected void Confirm(string path, string done, string anchor) =>
        Navigation.NavigateTo($"{Werkplek.Href(path)}&gelukt={done}#{anchor}");
}

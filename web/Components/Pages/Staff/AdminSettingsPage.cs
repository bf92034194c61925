using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The functional administrator's list pages (wijken and buurten; functions and topics): a form
/// post comes back to the page with a confirmation (<c>?gelukt=</c>), or with the page's own and the
/// API's errors at the fields and what was typed, or with the API's refusal above the page.
/// </summary>
public abstract class AdminSettingsPage : StaffFormPage
{
    /// <summary>What the posted form sent, by field name: it comes back with the errors.</summary>
    protected Dictionary<string, string?> Posted { get; set; } = [];

    /// <summary>The query parameters that fill in a form (<c>wijzig</c>): left out after a change is done.</summary>
    protected virtual IReadOnlyList<string> FormChoices => [];

    protected string? Typed(string field) => Posted.GetValueOrDefault(field);

    /// <summary>Keeps the posted form's fields (trimmed, null when empty).</summary>
    protected void Read(params string[] fields)
    {
        var form = HttpContext!.Request.Form;
        Posted = fields.ToDictionary(f => f, f => SettingsForms.Value(form, f));
    }

    /// <summary>The fields left empty, said at each (with the errors found before) before anything is sent.</summary>
    protected bool Missing(params (string Field, string Label)[] fields)
    {
        var missing = fields.Where(f => Typed(f.Field) is null).Select(f => FieldError.Required(f.Field, f.Label)).ToArray();
        if (missing.Length > 0)
        {
            Refuse([.. Errors, .. missing]);
        }
        return missing.Length > 0 || Errors.Count > 0;
    }

    /// <summary>A read (or a change) that failed: said above the page (a service that does not answer: 503).</summary>
    protected void Fail(ApiProblem problem, string? refused = null) =>
        SayRefused(problem, refused ?? WebTexts.TryAgainLater);

    /// <summary>The form's field for the API's field: <c>Field("range", "from")</c> is <c>rangeFrom</c>.</summary>
    protected static string Field(string form, string apiField) =>
        apiField.Length == 0 ? form : form + char.ToUpperInvariant(apiField[0]) + apiField[1..];

    /// <summary>Back to this page with its confirmation (and what it needs to say, e.g. an import's counts).</summary>
    protected void Confirm(string done, params (string Name, object? Value)[] more)
    {
        var query = new Dictionary<string, object?> { ["gelukt"] = done };
        foreach (var (name, value) in more)
        {
            query[name] = value;
        }
        foreach (var choice in FormChoices)
        {
            query.TryAdd(choice, null);
        }
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    /// <summary>
    /// The API's refusal: its field errors at the form's fields (<paramref name="labels"/> by the API's
    /// names, shown at <paramref name="field"/>); a conflict, which names no field (a code or a range
    /// taken), at <paramref name="conflictField"/>; anything else above the page.
    /// </summary>
    protected void Answer(ApiProblem problem, IReadOnlyDictionary<string, string> labels, Func<string, string> field, string conflictField)
    {
        if (problem.Status == StatusCodes.Status400BadRequest && problem.Errors.Count > 0)
        {
            Errors = FormErrors.FromApi(problem, labels, field);
        }
        else if (problem.Status == StatusCodes.Status409Conflict)
        {
            Errors = [new FieldError(conflictField, problem.Detail is { Length: > 0 } detail ? $"{AreaTexts.Refused} ({detail})" : AreaTexts.Refused)];
        }
        else
        {
            Fail(problem, AreaTexts.Refused);
            return;
        }
        HttpContext!.Response.StatusCode = problem.Status;
    }
}

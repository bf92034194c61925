using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages;

/// <summary>The API's field errors (its camelCase names, maybe nested like location.lat) at a form's fields, named by their labels.</summary>
internal static class FormErrors
{
    /// <param name="problem">The API's answer with its field errors.</param>
    /// <param name="labels">The form's fields by the API's names, with their labels; an unknown field lands on the first.</param>
    /// <param name="field">Where a field the API names is shown (a form may show two API fields at one).</param>
    public static IReadOnlyList<FieldError> FromApi(ApiProblem problem, IReadOnlyDictionary<string, string> labels, Func<string, string>? field = null) =>
        [.. problem.Errors.Select(e =>
        {
            var name = labels.Keys.FirstOrDefault(k => string.Equals(k, e.Key, StringComparison.OrdinalIgnoreCase)) ?? labels.Keys.First();
            return new FieldError(field?.Invoke(name) ?? name,
                string.Format(CultureInfo.CurrentCulture, WebTexts.ApiFieldError, labels[name], string.Join(" ", e.Value)));
        })];
}

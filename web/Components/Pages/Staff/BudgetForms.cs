using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// What the budget controller's forms share: the idempotency key each form carries (a form sent
/// twice books once), signed amounts, and the budget API's answers at the fields: a 400 names the
/// field; a refusal of the books (409: more than is left, a closed year; 404: no budget, no money
/// for that initiative) lands at the field the form names for it, in Dutch with the API's detail.
/// </summary>
internal static class BudgetForms
{
    /// <summary>The key a form is rendered with; sent again after a refusal (the API keeps only answers that booked).</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The key sent with the form, or a new one when it is missing or malformed.</summary>
    public static string KeyOf(string? sent) => sent is { Length: 32 } && Guid.TryParseExact(sent, "N", out _) ? sent : NewKey();

    /// <summary>"-250", "−1.250,00", "€ 40,50": signed euros in whole cents; null otherwise.</summary>
    public static decimal? ParseSigned(string? text)
    {
        var plain = (text ?? "").Trim();
        var negative = plain.StartsWith('-') || plain.StartsWith('−');
        var euros = InitiativeForm.ParseEuros(negative ? plain[1..] : plain);
        return euros is { } value ? negative ? -value : value : null;
    }

    /// <summary>A required amount (euros, more than zero unless <paramref name="signed"/>): the value, or the error at the field.</summary>
    public static decimal? Amount(string? text, string field, string label, List<FieldError> errors, bool signed = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(FieldError.Required(field, label));
            return null;
        }
        var amount = signed ? ParseSigned(text) : InitiativeForm.ParseEuros(text);
        if (amount is null || (signed ? amount == 0 : amount <= 0))
        {
            errors.Add(new FieldError(field, signed ? BudgetTexts.SignedAmountInvalid : WebTexts.AmountInvalid));
            return null;
        }
        return amount;
    }

    public static string? Text(string? text, string field, string label, List<FieldError> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(FieldError.Required(field, label));
            }
            return null;
        }
        return text.Trim();
    }

    public static Guid? Id(string? text, string field, string label, List<FieldError> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(FieldError.Required(field, label));
            }
            return null;
        }
        if (!Guid.TryParse(text.Trim(), out var id))
        {
            errors.Add(new FieldError(field, string.Format(CultureInfo.CurrentCulture, BudgetTexts.IdInvalid, label)));
            return null;
        }
        return id;
    }

    /// <summary>The API's answer at the form's fields, or null when it is not about the form (401, 403, 5xx: see <see cref="Refusals"/>).</summary>
    /// <param name="problem">The API's answer.</param>
    /// <param name="labels">The form's fields by the API's names (camelCase) with their labels; the first takes what names no field.</param>
    /// <param name="refusedAt">Where a refusal of the books (409, 404) is shown (the field's id).</param>
    /// <param name="field">The id of a field by its API name, when a page has more forms with the same names.</param>
    public static IReadOnlyList<FieldError>? Errors(
        ApiProblem problem, IReadOnlyDictionary<string, string> labels, string refusedAt, Func<string, string>? field = null)
    {
        if (problem.Status == 400 && problem.Errors.Count > 0)
        {
            return FormErrors.FromApi(problem, labels, field);
        }
        if (problem.Status is 404 or 409 or 422)
        {
            var said = problem.Detail is { Length: > 0 } detail ? $"{BudgetTexts.BooksRefused} ({detail})" : BudgetTexts.BooksRefused;
            return [new FieldError(refusedAt, said)];
        }
        return null;
    }

    /// <summary>The wijk's name, or its id when the books know no name.</summary>
    public static string WijkName(IReadOnlyList<Buurt.Contracts.Identity.WijkResponse> wijken, Guid? id) =>
        id is null ? BudgetTexts.NoWijk : wijken.FirstOrDefault(w => w.Id == id)?.Name ?? id.Value.ToString();

    public static string Theme(string? theme) => theme is null ? BudgetTexts.NoTheme : Show.Theme(theme);

    public static string Kind(string kind) => BudgetTexts.ResourceManager.GetString($"Kind_{kind}", CultureInfo.CurrentUICulture) ?? kind;

    public static string Bucket(string bucket) => BudgetTexts.ResourceManager.GetString($"Bucket_{bucket}", CultureInfo.CurrentUICulture) ?? bucket;

    public static readonly IReadOnlyList<string> Kinds = ["allocation", "amendment", "reservation", "release", "commitment", "payment", "correction"];

    public static readonly IReadOnlyList<string> Buckets = ["allocated", "amended", "reserved", "committed", "paid"];
}

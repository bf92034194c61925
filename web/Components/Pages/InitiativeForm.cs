using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages;

/// <summary>
/// The initiative form as typed: what the web app checks itself before sending (present, a wijk and
/// theme chosen, an amount in euros with at most cents), and the API's field errors at the fields.
/// The API checks every rule again; these only save a round trip and speak the reader's language.
/// </summary>
public sealed record InitiativeForm(InitiativeSubmission? Initiative, IReadOnlyList<FieldError> Errors)
{
    private static readonly Dictionary<string, Func<string>> s_labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = () => WebTexts.TitleLabel,
        ["description"] = () => WebTexts.DescriptionLabel,
        ["areaId"] = () => WebTexts.Wijk,
        ["addressText"] = () => WebTexts.AddressLabel,
        ["theme"] = () => WebTexts.Theme,
        ["requestedAmount"] = () => WebTexts.AmountLabel,
        ["publicName"] = () => WebTexts.PublicNameLabel,
    };

    public static InitiativeForm Read(string? title, string? description, string? areaId, string? theme, string? amount, string? address, string? publicName)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(FieldError.Required("title", WebTexts.TitleLabel));
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            errors.Add(FieldError.Required("description", WebTexts.DescriptionLabel));
        }
        if (!Guid.TryParse(areaId, out var wijk))
        {
            errors.Add(new FieldError("areaId", WebTexts.ChooseWijkError));
        }
        if (!Show.Themes.Contains(theme))
        {
            errors.Add(new FieldError("theme", WebTexts.ChooseThemeError));
        }
        var euros = ParseEuros(amount);
        if (string.IsNullOrWhiteSpace(amount))
        {
            errors.Add(FieldError.Required("requestedAmount", WebTexts.AmountLabel));
        }
        else if (euros is null)
        {
            errors.Add(new FieldError("requestedAmount", WebTexts.AmountInvalid));
        }
        return errors.Count > 0
            ? new InitiativeForm(null, errors)
            : new InitiativeForm(new InitiativeSubmission(title!.Trim(), description!.Trim(), wijk, theme, euros,
                string.IsNullOrWhiteSpace(address) ? null : address.Trim(), string.IsNullOrWhiteSpace(publicName) ? null : publicName.Trim()), []);
    }

    /// <summary>"850", "850,50", "€ 1.250,00" (Dutch) or "850.50": euros with at most two decimals and not below zero; null otherwise.</summary>
    public static decimal? ParseEuros(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var plain = text.Replace("€", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        // A point followed by exactly one or two digits at the end is a decimal point ("850.50"); otherwise Dutch.
        var culture = System.Text.RegularExpressions.Regex.IsMatch(plain, @"^\d+\.\d{1,2}$") ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("nl-NL");
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, culture, out var value)
            && value >= 0 && decimal.Round(value, 2) == value && value <= 9_999_999_999.99m
            ? value
            : null;
    }

    /// <summary>The API's field errors at the form's fields.</summary>
    public static IReadOnlyList<FieldError> FromApi(ApiProblem problem) =>
        FormErrors.FromApi(problem, s_labels.ToDictionary(l => l.Key, l => l.Value(), StringComparer.OrdinalIgnoreCase));
}

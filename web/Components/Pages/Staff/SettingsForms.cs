using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;
using Microsoft.Extensions.Primitives;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The functional administrator's and the wijk's keepers' forms as posted: the values as typed (they
/// come back with the errors), checked for what the page can tell itself (a number, a date, a
/// choice); the rules (ranges, orders) are the APIs', whose errors land at the same fields.
/// </summary>
internal static class SettingsForms
{
    /// <summary>A posted field, null when empty.</summary>
    public static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    /// <summary>The stages that await an answer (the buurtcyclus's promises), in the cycle's order.</summary>
    public static IReadOnlyList<string> PromiseStages(IEnumerable<string> configured) =>
        [.. Show.Statuses.Where(configured.Contains), .. configured.Where(s => !Show.Statuses.Contains(s)).Order(StringComparer.Ordinal)];

    public static string DaysField(string stage) => $"days-{stage}";

    /// <summary>The cycle's settings as the form shows them.</summary>
    public static Dictionary<string, string?> CycleFields(InitiativeSettings settings)
    {
        var fields = new Dictionary<string, string?>
        {
            ["fastTrackMaxAmount"] = settings.FastTrackMaxAmount.ToString("0.00", CultureInfo.GetCultureInfo("nl-NL")),
            ["ratingPeriodDays"] = settings.RatingPeriodDays.ToString(CultureInfo.InvariantCulture),
            ["holidays"] = string.Join('\n', settings.Holidays.Select(Show.Iso)),
            ["subThemes"] = string.Join('\n', settings.SubThemes.Select(s => $"{s.Theme}: {s.Name}")),
        };
        foreach (var (stage, days) in settings.ResponseDays)
        {
            fields[DaysField(stage)] = days.ToString(CultureInfo.InvariantCulture);
        }
        return fields;
    }

    /// <summary>Reads the cycle's form: the settings to send, or the errors at the fields.</summary>
    public static (InitiativeSettings? Settings, List<FieldError> Errors) ReadCycle(Dictionary<string, string?> fields, IReadOnlyList<string> stages)
    {
        var errors = new List<FieldError>();
        var amount = InitiativeForm.ParseEuros(fields.GetValueOrDefault("fastTrackMaxAmount"));
        if (amount is null)
        {
            errors.Add(new FieldError("fastTrackMaxAmount", WebTexts.AmountInvalid));
        }
        var days = new Dictionary<string, int>();
        foreach (var stage in stages)
        {
            if (int.TryParse(fields.GetValueOrDefault(DaysField(stage)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                days[stage] = count;
            }
            else
            {
                errors.Add(new FieldError(DaysField(stage), string.Format(CultureInfo.CurrentCulture, WebTexts.WholeNumberNeeded, Show.Status(stage))));
            }
        }
        if (!int.TryParse(fields.GetValueOrDefault("ratingPeriodDays"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating))
        {
            errors.Add(new FieldError("ratingPeriodDays", string.Format(CultureInfo.CurrentCulture, WebTexts.WholeNumberNeeded, WebTexts.RatingPeriodDays)));
        }
        var holidays = new List<DateOnly>();
        foreach (var line in Lines(fields.GetValueOrDefault("holidays")))
        {
            if (DateOnly.TryParseExact(line, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                errors.Add(new FieldError("holidays", string.Format(CultureInfo.CurrentCulture, WebTexts.HolidayInvalid, line)));
                break;
            }
        }
        var subThemes = new List<SubThemeSetting>();
        foreach (var line in Lines(fields.GetValueOrDefault("subThemes")))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Show.Themes.Contains(parts[0].ToLowerInvariant()) && parts[1].Length > 0)
            {
                subThemes.Add(new SubThemeSetting(parts[0].ToLowerInvariant(), parts[1]));
            }
            else
            {
                errors.Add(new FieldError("subThemes", string.Format(CultureInfo.CurrentCulture, WebTexts.SubThemeInvalid, line)));
                break;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new InitiativeSettings(amount!.Value, days, holidays, subThemes, rating), errors);
    }

    /// <summary>
    /// The API's field errors at the cycle form's fields: a list's or a map's element (subThemes[0].name)
    /// at the list's field; a promise's at the first day field (the API names no stage).
    /// </summary>
    public static IReadOnlyList<FieldError> CycleErrors(ApiProblem problem, IReadOnlyList<string> stages) =>
        FormErrors.FromApi(problem with
        {
            Errors = problem.Errors.GroupBy(e => e.Key.Split('[', '.')[0], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.OrdinalIgnoreCase),
        }, new Dictionary<string, string>
        {
            ["fastTrackMaxAmount"] = WebTexts.FastTrackMaxAmount,
            ["responseDays"] = WebTexts.ResponseDaysLegend,
            ["ratingPeriodDays"] = WebTexts.RatingPeriodDays,
            ["holidays"] = WebTexts.Holidays,
            ["subThemes"] = WebTexts.SubThemes,
        }, name => name == "responseDays" && stages.Count > 0 ? DaysField(stages[0]) : name);

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

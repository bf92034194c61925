using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The desk's form to open a buurtpeiling: a question, the options one per line, the closing day and
/// time in the municipality's zone, and when the results show. Checked here for what the reader can
/// fix at once; the API's field errors (question, options, closesAt) at the fields.
/// </summary>
internal sealed record PollForm(string? Question, string? Options, string? ClosesOn, string? ClosesTime, string? Results)
{
    public static readonly IReadOnlyList<string> ResultChoices = ["live", "after-closing"];

    private static readonly Dictionary<string, string> s_apiFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["question"] = "question", ["options"] = "options", ["closesAt"] = "closesOn", ["results"] = "results",
    };

    /// <summary>The form as it starts: closing in two weeks at eight in the evening, results live.</summary>
    public static PollForm Empty(DateOnly today) => new(null, null, Show.Iso(today.AddDays(14)), "20:00", "live");

    public static PollForm Read(IFormCollection form)
    {
        string? Value(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        return new(Value("question"), Value("options"), Value("closesOn"), Value("closesTime"), Value("results"));
    }

    /// <summary>The options as typed, one per line, without empty lines.</summary>
    public IReadOnlyList<string> OptionList => Show.Paragraphs(Options).ToList();

    /// <summary>What the reader can fix at once, and the opening when there is nothing.</summary>
    public (PollOpening? Opening, IReadOnlyList<FieldError> Errors) Check(TimeZoneInfo zone)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Question))
        {
            errors.Add(FieldError.Required("question", WebTexts.PollQuestion));
        }
        var options = OptionList;
        if (options.Count is < 2 or > 10 || options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            errors.Add(new FieldError("options", WebTexts.PollOptionsError));
        }
        if (!DateOnly.TryParseExact(ClosesOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new FieldError("closesOn", WebTexts.DateInvalid));
        }
        if (!TimeOnly.TryParseExact(ClosesTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(new FieldError("closesTime", WebTexts.TimeRequired));
        }
        if (!ResultChoices.Contains(Results))
        {
            errors.Add(FieldError.Required("results", WebTexts.PollResultsWhen));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var closesAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return (new PollOpening(Question!.Trim(), options, closesAt, Results!), []);
    }

    /// <summary>The API's field errors at the fields (closesAt at the day).</summary>
    public static IReadOnlyList<FieldError> FromApi(ApiProblem problem) =>
        FormErrors.FromApi(problem, s_apiFields.ToDictionary(f => f.Key, f => f.Value switch
        {
            "question" => WebTexts.PollQuestion,
            "options" => WebTexts.PollOptions,
            "closesOn" => WebTexts.PollClosesOn,
            _ => WebTexts.PollResultsWhen,
        }, StringComparer.OrdinalIgnoreCase), name => s_apiFields[name]);
}

using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// A move of an initiative as a form sends it, and what the API said back at the form's fields: an
/// illegal move (409) at the stage field with the stages the API allows now, a bad field (400) at
/// that field. The board has a form per row, so its fields' ids carry the row (the field function).
/// </summary>
internal static class MoveForm
{
    /// <summary>The natural next stage of the buurtcyclus, offered first; none where the next step is not a move (a deal is proposed, the platform accepts it).</summary>
    public static string? NextStage(string status) => status switch
    {
        "submitted" => "internal-check",
        "internal-check" => "reciprocity-talk",
        "deal-accepted" => "in-execution",
        "in-execution" => "completed",
        "completed" => "evaluated",
        _ => null,
    };

    /// <summary>The stages to choose from: every one but the current (the API says which are allowed).</summary>
    public static IReadOnlyList<(string Value, string Text)> Choices(string current) =>
        [("", WebTexts.ChooseStage), .. Show.Statuses.Where(s => s != current).Select(s => (s, Show.Status(s)))];

    /// <summary>The errors at the fields, or null when the refusal is not about the form (a 403, a 5xx: see <see cref="Refusals"/>).</summary>
    public static IReadOnlyList<FieldError>? Errors(ApiProblem problem, Func<string, string> field)
    {
        if (problem.Status == 409 && problem.AllowedMoves is { } allowed)
        {
            return [new FieldError(field("status"), allowed.Count == 0
                ? WebTexts.NoMoveAllowed
                : string.Format(CultureInfo.CurrentCulture, WebTexts.MoveNotAllowed, string.Join(", ", allowed.Select(Show.Status))))];
        }
        if (problem.Status == 400 && problem.Errors.Count > 0)
        {
            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["status"] = WebTexts.Stage,
                ["note"] = WebTexts.MoveNote,
                ["reason"] = WebTexts.DeclineReason,
                ["finalCost"] = WebTexts.FinalCost,
            };
            return FormErrors.FromApi(problem, labels, field);
        }
        return null;
    }

    /// <summary>The field's own check before sending: a stage chosen, a reason to decline.</summary>
    public static IReadOnlyList<FieldError> Check(string? status, string? reason, Func<string, string> field) =>
        !Show.Statuses.Contains(status) ? [new FieldError(field("status"), WebTexts.ChooseStageError)]
        : status == "declined" && string.IsNullOrWhiteSpace(reason) ? [new FieldError(field("reason"), WebTexts.DeclineReasonRequired)]
        : [];
}

using System.Globalization;
using Buurt.Contracts.Identity;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The network's listing forms: the choices the contacts API knows (kinds of organisation and of
/// contact point, the circles a point is meant for), their texts, and the page's own checks of a
/// contact point (a kind chosen, a value typed); the rules of a value (a phone number, an address)
/// are the API's, whose errors land at the same fields.
/// </summary>
internal static class NetworkForms
{
    public static readonly IReadOnlyList<string> OrganisationKinds =
        ["municipality", "police", "social-work", "housing-corporation", "resident-group", "school", "venue-operator", "care", "church", "business", "media", "other"];

    public static readonly IReadOnlyList<string> PointKinds = ["phone", "email", "website", "address", "photo"];

    public static readonly IReadOnlyList<string> Visibilities = ["public", "residents", "network", "staff"];

    /// <summary>The circles a consent can open a person's details to (staff see them anyway).</summary>
    public static readonly IReadOnlyList<string> ConsentCircles = ["public", "residents", "network"];

    /// <summary>How a keeper hears of a consent or its withdrawal (on-platform is the person's own, signed in).</summary>
    public static readonly IReadOnlyList<string> KeeperBases = ["in-person", "email-link"];

    public static string OrganisationKind(string kind) =>
        NetworkTexts.ResourceManager.GetString($"OrgKind_{kind.Replace('-', '_')}", CultureInfo.CurrentUICulture) ?? kind;

    public static IReadOnlyList<(string Value, string Text)> KindOptions(string choose) =>
        [("", choose), .. OrganisationKinds.Select(k => (k, OrganisationKind(k)))];

    public static IReadOnlyList<(string Value, string Text)> PointKindOptions(string choose) =>
        [("", choose), .. PointKinds.Select(k => (k, Show.PointKind(k)))];

    public static IReadOnlyList<(string Value, string Text)> VisibilityOptions =>
        [.. Visibilities.Select(v => (v, Show.ConsentTo(v)))];

    /// <summary>A contact point's fields by the API's names, with their labels.</summary>
    public static IReadOnlyDictionary<string, string> PointLabels => new Dictionary<string, string>
    {
        ["value"] = NetworkTexts.PointValue, ["kind"] = NetworkTexts.PointKind, ["visibility"] = NetworkTexts.PointVisibility, ["label"] = NetworkTexts.PointLabel,
    };

    /// <summary>What the page can tell of a contact point itself; <paramref name="field"/> names a point's field (kind, value, ...) in the form (itself by default).</summary>
    public static List<FieldError> CheckPoint(IReadOnlyDictionary<string, string?> form, Func<string, string>? field = null)
    {
        field ??= name => name;
        var errors = new List<FieldError>();
        if (!PointKinds.Contains(form[field("kind")] ?? ""))
        {
            errors.Add(new FieldError(field("kind"), NetworkTexts.ChoosePointKind));
        }
        if (form[field("value")] is null)
        {
            errors.Add(FieldError.Required(field("value"), NetworkTexts.PointValue));
        }
        if (!Visibilities.Contains(form[field("visibility")] ?? ""))
        {
            errors.Add(new FieldError(field("visibility"), NetworkTexts.ChooseVisibility));
        }
        return errors;
    }

    public static ContactPointPlan Point(IReadOnlyDictionary<string, string?> form, Func<string, string>? field = null)
    {
        field ??= name => name;
        return new(form[field("kind")], form[field("value")], form[field("visibility")], form[field("label")]);
    }

    /// <summary>A function's own point's form fields (<see cref="FunctionPointFormFields"/>); the wijk is left out where the page fixes it.</summary>
    public static readonly string[] FunctionPointFields = ["pointFunction", "pointWijk", "pointKind", "pointValue", "pointLabel", "pointVisibility"];

    /// <summary>
    /// What the page can tell of a function's point: a function of the list chosen, a wijk of the
    /// user's (none: every wijk) and the point's own checks; the function and wijk when they are right.
    /// </summary>
    public static (List<FieldError> Errors, NetworkFunction? Function, Guid? Wijk) CheckFunctionPoint(
        IReadOnlyDictionary<string, string?> form, IEnumerable<NetworkFunction> functions, IEnumerable<WijkResponse> wijken)
    {
        var errors = CheckPoint(form, FirstPoint);
        var function = functions.FirstOrDefault(f => f.Key == form.GetValueOrDefault("pointFunction"));
        if (function is null)
        {
            errors.Insert(0, new FieldError("pointFunction", WebTexts.ChooseFunctionError));
        }
        var typed = form.GetValueOrDefault("pointWijk");
        Guid? wijk = Guid.TryParse(typed, out var id) && wijken.Any(w => w.Id == id) ? id : null;
        if (typed is not null && wijk is null)
        {
            errors.Insert(0, new FieldError("pointWijk", AreaTexts.ChooseWijkError));
        }
        return (errors, function, wijk);
    }

    /// <summary>The labels of contacts' fields for a function's point.</summary>
    public static IReadOnlyDictionary<string, string> FunctionPointLabels =>
        new Dictionary<string, string>(PointLabels) { ["areaId"] = AreaTexts.RuleHoldsIn, ["key"] = AreaTexts.PointFunction };

    /// <summary>Where contacts' field of a function's point is shown in its form.</summary>
    public static string FunctionPointField(string name) => name switch { "areaId" => "pointWijk", "key" => "pointFunction", _ => FirstPoint(name) };

    /// <summary>A new organisation's first point in its form: pointKind, pointValue, ...</summary>
    public static string FirstPoint(string name) => $"point{char.ToUpperInvariant(name[0])}{name[1..]}";

    /// <summary>A point as one line: its label or kind, and the value.</summary>
    public static string Describe(NetworkContactPoint point) => $"{point.Label ?? Show.PointKind(point.Kind)}: {point.Value}";
}

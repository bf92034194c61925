using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;
using Microsoft.Extensions.Primitives;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The buurtdeal editor's form: the amount, rows of commitments per side (rc-0-description,
/// mc-1-owner, rc-0-repeats, rc-0-until, ...; empty rows are left out) and the note of the
/// reciprocity talk. Checked here for what the reader can fix at once, then
/// the API's field errors (residentCommitments[0].owner, by the rows actually sent) at the fields.
/// </summary>
internal sealed class DealForm
{
    public const string Residents = "rc";
    public const string Municipality = "mc";

    private readonly Dictionary<string, string> _apiFields = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often a commitment may repeat here (frequency-interval); an existing deal's other rhythm is offered too.</summary>
    private static readonly string[] s_rhythms = ["weekly-1", "weekly-2", "monthly-1", "monthly-3", "yearly-1"];

    public string? Amount { get; private init; }

    public string? Note { get; private init; }

    public IReadOnlyList<CommitmentRow> ResidentRows { get; private init; } = [];

    public IReadOnlyList<CommitmentRow> MunicipalRows { get; private init; } = [];

    public List<FieldError> Errors { get; } = [];

    public DealProposal? Proposal { get; private set; }

    /// <summary>One row; <see cref="Repeats"/> is "monthly-3" (every three months) or empty for once.</summary>
    public sealed record CommitmentRow(string Side, int Row, string? Description, string? Owner, string? Due, string? Repeats = null, string? Until = null)
    {
        public string Id(string part) => $"{Side}-{Row}-{part}";

        public bool IsEmpty => new[] { Description, Owner, Due, Repeats, Until }.All(string.IsNullOrWhiteSpace);

        /// <summary>The choices of the repeats field: once, the usual rhythms, and this row's own if it is another.</summary>
        public IReadOnlyList<(string Value, string Text)> RepeatChoices =>
        [
            ("", WebTexts.RepeatsNot),
            .. s_rhythms.Append(Repeats).Where(r => !string.IsNullOrEmpty(r) && Rhythm(r) is not null).Distinct()
                .Select(r => (r!, Show.Every(Rhythm(r)!.Value.Frequency, Rhythm(r)!.Value.Interval))),
        ];
    }

    /// <summary>"monthly-3" as (monthly, 3); null for anything else.</summary>
    private static (string Frequency, int Interval)? Rhythm(string? value) =>
        value?.Split('-') is [var frequency and ("weekly" or "monthly" or "yearly"), var n]
        && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) && interval is >= 1 and <= 12
            ? (frequency, interval)
            : null;

    /// <summary>How many rows per side: the deal's commitments and one more, at least three.</summary>
    public static int Rows(Deal? deal) =>
        Math.Max(3, Math.Max(deal?.ResidentCommitments.Count ?? 0, deal?.MunicipalCommitments.Count ?? 0) + 1);

    /// <summary>The form as it starts: the current deal's terms, or the amount asked.</summary>
    public static DealForm From(Initiative initiative)
    {
        var rows = Rows(initiative.Deal);
        IReadOnlyList<CommitmentRow> Side(string side, IReadOnlyList<Commitment>? commitments) =>
            [.. Enumerable.Range(0, rows).Select(n => commitments?.ElementAtOrDefault(n) is { } c
                ? new CommitmentRow(side, n, c.Description, c.Owner, c.DueDate is { } d ? Show.Iso(d) : null,
                    c.Recurrence is { } r ? $"{r.Frequency}-{r.Interval.ToString(CultureInfo.InvariantCulture)}" : null,
                    c.Recurrence is { } until ? Show.Iso(until.Until) : null)
                : new CommitmentRow(side, n, null, null, null))];
        return new DealForm
        {
            Amount = (initiative.Deal?.Amount ?? initiative.RequestedAmount).ToString("0.00", CultureInfo.GetCultureInfo("nl-NL")),
            ResidentRows = Side(Residents, initiative.Deal?.ResidentCommitments),
            MunicipalRows = Side(Municipality, initiative.Deal?.MunicipalCommitments),
        };
    }

    /// <summary>The form as posted, checked; <see cref="Proposal"/> is set when it can be sent.</summary>
    public static DealForm Read(IFormCollection form, int rows)
    {
        string? Value(string name) => form.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        IReadOnlyList<CommitmentRow> Side(string side) =>
            [.. Enumerable.Range(0, rows).Select(n => new CommitmentRow(side, n, Value($"{side}-{n}-description"), Value($"{side}-{n}-owner"),
                Value($"{side}-{n}-due"), Value($"{side}-{n}-repeats"), Value($"{side}-{n}-until")))];
        var deal = new DealForm
        {
            Amount = Value("amount"), Note = Value("dealNote"), ResidentRows = Side(Residents), MunicipalRows = Side(Municipality),
        };
        deal.Check();
        return deal;
    }

    private void Check()
    {
        var amount = InitiativeForm.ParseEuros(Amount);
        if (string.IsNullOrWhiteSpace(Amount))
        {
            Errors.Add(FieldError.Required("amount", WebTexts.DealAmountLabel));
        }
        else if (amount is null)
        {
            Errors.Add(new FieldError("amount", WebTexts.AmountInvalid));
        }
        _apiFields["amount"] = "amount";
        _apiFields["note"] = "dealNote";
        _apiFields["residentCommitments"] = ResidentRows[0].Id("description");
        _apiFields["municipalCommitments"] = MunicipalRows[0].Id("description");
        var residents = Terms(ResidentRows, "residentCommitments");
        var municipality = Terms(MunicipalRows, "municipalCommitments");
        if (residents.Count == 0 && !Errors.Any(e => e.Field.StartsWith(Residents, StringComparison.Ordinal)))
        {
            Errors.Add(new FieldError(ResidentRows[0].Id("description"), WebTexts.ResidentCommitmentRequired));
        }
        if (Errors.Count == 0)
        {
            Proposal = new DealProposal(amount!.Value, residents, municipality, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
        }
    }

    /// <summary>The filled rows as terms; a half-filled row is an error at its empty field.</summary>
    private List<CommitmentTerms> Terms(IReadOnlyList<CommitmentRow> rows, string apiName)
    {
        var terms = new List<CommitmentTerms>();
        foreach (var row in rows.Where(r => !r.IsEmpty))
        {
            var label = string.Format(CultureInfo.CurrentCulture, row.Side == Residents ? WebTexts.ResidentCommitmentN : WebTexts.MunicipalCommitmentN, row.Row + 1);
            if (string.IsNullOrWhiteSpace(row.Description))
            {
                Errors.Add(FieldError.Required(row.Id("description"), $"{label}: {WebTexts.CommitmentWhat}"));
            }
            if (string.IsNullOrWhiteSpace(row.Owner))
            {
                Errors.Add(FieldError.Required(row.Id("owner"), $"{label}: {WebTexts.Owner}"));
            }
            var due = Date(row, "due", row.Due);
            var until = Date(row, "until", row.Until);
            var rhythm = Rhythm(row.Repeats);
            if (rhythm is not null && string.IsNullOrWhiteSpace(row.Until))
            {
                Errors.Add(new FieldError(row.Id("until"), WebTexts.RepeatsNeedsUntil));
            }
            else if (rhythm is null && !string.IsNullOrWhiteSpace(row.Until))
            {
                Errors.Add(new FieldError(row.Id("repeats"), WebTexts.UntilNeedsRepeats));
            }
            // The API numbers the rows it got: the n-th sent row is this one.
            var sent = $"{apiName}[{terms.Count}]";
            _apiFields[$"{sent}.description"] = row.Id("description");
            _apiFields[$"{sent}.owner"] = row.Id("owner");
            _apiFields[$"{sent}.dueDate"] = row.Id("due");
            _apiFields[$"{sent}"] = row.Id("description");
            _apiFields[$"{sent}.recurrence"] = row.Id("repeats");
            _apiFields[$"{sent}.recurrence.frequency"] = row.Id("repeats");
            _apiFields[$"{sent}.recurrence.interval"] = row.Id("repeats");
            _apiFields[$"{sent}.recurrence.until"] = row.Id("until");
            terms.Add(new CommitmentTerms(row.Description?.Trim() ?? "", row.Owner?.Trim() ?? "", due,
                rhythm is { } r && until is { } end ? new CommitmentRecurrence(r.Frequency, r.Interval, end) : null));
        }
        return terms;
    }

    /// <summary>A date field (yyyy-MM-dd, as date inputs send it); an error at the field when it is not one.</summary>
    private DateOnly? Date(CommitmentRow row, string part, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Errors.Add(new FieldError(row.Id(part), WebTexts.DateInvalid));
        return null;
    }

    /// <summary>The API's field errors at the rows they name.</summary>
    public IReadOnlyList<FieldError> FromApi(ApiProblem problem) =>
        FormErrors.FromApi(problem, _apiFields.ToDictionary(f => f.Key, f => Label(f.Value), StringComparer.OrdinalIgnoreCase),
            name => _apiFields[name]);

    private string Label(string field)
    {
        if (field == "amount")
        {
            return WebTexts.DealAmountLabel;
        }
        if (field == "dealNote")
        {
            return WebTexts.DealNote;
        }
        var parts = field.Split('-');
        var side = string.Format(CultureInfo.CurrentCulture, parts[0] == Residents ? WebTexts.ResidentCommitmentN : WebTexts.MunicipalCommitmentN,
            int.Parse(parts[1], CultureInfo.InvariantCulture) + 1);
        return $"{side}: {parts[2] switch { "owner" => WebTexts.Owner, "due" => WebTexts.DueDate, "repeats" => WebTexts.CommitmentRepeats, "until" => WebTexts.CommitmentUntil, _ => WebTexts.CommitmentWhat }}";
    }
}

using System.Globalization;
using Buurt.Ui;
using Buurt.Web.Api;
using Buurt.Web.Texts;
using Microsoft.Extensions.Primitives;

namespace Buurt.Web.Components.Pages.Staff;

/// <summary>
/// The buurtdeal editor's form: the amount and rows of commitments per side (rc-0-description,
/// mc-1-owner, ...); empty rows are left out. Checked here for what the reader can fix at once, then
/// the API's field errors (residentCommitments[0].owner, by the rows actually sent) at the fields.
/// </summary>
internal sealed class DealForm
{
    public const string Residents = "rc";
    public const string Municipality = "mc";

    private readonly Dictionary<string, string> _apiFields = new(StringComparer.OrdinalIgnoreCase);

    public string? Amount { get; private init; }

    public IReadOnlyList<CommitmentRow> ResidentRows { get; private init; } = [];

    public IReadOnlyList<CommitmentRow> MunicipalRows { get; private init; } = [];

    public List<FieldError> Errors { get; } = [];

    public DealProposal? Proposal { get; private set; }

    public sealed record CommitmentRow(string Side, int Row, string? Description, string? Owner, string? Due)
    {
        public string Id(string part) => $"{Side}-{Row}-{part}";

        public bool IsEmpty => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(Due);
    }

    /// <summary>How many rows per side: the deal's commitments and one more, at least three.</summary>
    public static int Rows(Deal? deal) =>
        Math.Max(3, Math.Max(deal?.ResidentCommitments.Count ?? 0, deal?.MunicipalCommitments.Count ?? 0) + 1);

    /// <summary>The form as it starts: the current deal's terms, or the amount asked.</summary>
    public static DealForm From(Initiative initiative)
    {
        var rows = Rows(initiative.Deal);
        IReadOnlyList<CommitmentRow> Side(string side, IReadOnlyList<Commitment>? commitments) =>
            [.. Enumerable.Range(0, rows).Select(n => commitments?.ElementAtOrDefault(n) is { } c
                ? new CommitmentRow(side, n, c.Description, c.Owner, c.DueDate is { } d ? Show.Iso(d) : null)
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
            [.. Enumerable.Range(0, rows).Select(n => new CommitmentRow(side, n, Value($"{side}-{n}-description"), Value($"{side}-{n}-owner"), Value($"{side}-{n}-due")))];
        var deal = new DealForm { Amount = Value("amount"), ResidentRows = Side(Residents), MunicipalRows = Side(Municipality) };
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
            Proposal = new DealProposal(amount!.Value, residents, municipality);
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
            DateOnly? due = null;
            if (!string.IsNullOrWhiteSpace(row.Due))
            {
                if (DateOnly.TryParseExact(row.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    due = date;
                }
                else
                {
                    Errors.Add(new FieldError(row.Id("due"), WebTexts.DateInvalid));
                }
            }
            // The API numbers the rows it got: the n-th sent row is this one.
            var sent = $"{apiName}[{terms.Count}]";
            _apiFields[$"{sent}.description"] = row.Id("description");
            _apiFields[$"{sent}.owner"] = row.Id("owner");
            _apiFields[$"{sent}.dueDate"] = row.Id("due");
            _apiFields[$"{sent}"] = row.Id("description");
            terms.Add(new CommitmentTerms(row.Description?.Trim() ?? "", row.Owner?.Trim() ?? "", due));
        }
        return terms;
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
        var parts = field.Split('-');
        var side = string.Format(CultureInfo.CurrentCulture, parts[0] == Residents ? WebTexts.ResidentCommitmentN : WebTexts.MunicipalCommitmentN,
            int.Parse(parts[1], CultureInfo.InvariantCulture) + 1);
        return $"{side}: {parts[2] switch { "owner" => WebTexts.Owner, "due" => WebTexts.DueDate, _ => WebTexts.CommitmentWhat }}";
    }
}

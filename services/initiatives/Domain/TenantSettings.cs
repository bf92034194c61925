using Buurt.Contracts;
using Buurt.Contracts.Initiatives;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>A sub-theme the municipality uses under one of the three themes (e.g. fysiek / groen).</summary>
public sealed record SubTheme(Theme Theme, string Name);

/// <summary>
/// How one municipality works the cycle: its response-time promises per stage, its holidays, the
/// fast-track amount, its sub-themes and how long residents may rate a completed initiative.
/// </summary>
public sealed class TenantSettings : Aggregate
{
    public const int MaxSubThemeLength = 60;

    /// <summary>What a municipality gets until its admin changes it.</summary>
    public static readonly IReadOnlyDictionary<InitiativeStatus, int> DefaultResponseDays = new Dictionary<InitiativeStatus, int>
    {
        [InitiativeStatus.Submitted] = 5,
        [InitiativeStatus.InternalCheck] = 10,
        [InitiativeStatus.ReciprocityTalk] = 15,
        [InitiativeStatus.DealProposed] = 10,
        [InitiativeStatus.DealAccepted] = 10,
    };

    private TenantSettings()
    {
    }

    public string TenantId { get; private set; } = "";

    /// <summary>Requests up to this amount may skip the reciprocity talk (snelle route).</summary>
    public decimal FastTrackMaxAmount { get; private set; }

    /// <summary>Per stage, within how many working days the next answer is due; stages not named promise nothing.</summary>
    public Dictionary<InitiativeStatus, int> ResponseDays { get; private set; } = [];

    public List<DateOnly> Holidays { get; private set; } = [];

    public List<SubTheme> SubThemes { get; private set; } = [];

    /// <summary>Days after completion during which residents of the wijk may rate the initiative.</summary>
    public int RatingPeriodDays { get; private set; }

    public static TenantSettings Default(string tenantId) => new()
    {
        TenantId = tenantId,
        FastTrackMaxAmount = 1_000m,
        ResponseDays = new(DefaultResponseDays),
        RatingPeriodDays = 60,
    };

    /// <summary>Replaces every setting at once (the admin's PUT); the rules are checked by the caller's validation and here.</summary>
    public void Change(decimal fastTrackMaxAmount, IReadOnlyDictionary<InitiativeStatus, int> responseDays,
        IEnumerable<DateOnly> holidays, IEnumerable<SubTheme> subThemes, int ratingPeriodDays)
    {
        if (fastTrackMaxAmount < 0 || decimal.Round(fastTrackMaxAmount, 2) != fastTrackMaxAmount)
        {
            throw RuleException.Invalid("fastTrackMaxAmount", "The fast-track amount is zero or more, in whole cents.");
        }
        foreach (var (status, days) in responseDays)
        {
            if (InitiativeLifeCycle.IsFinal(status) || days is < 1 or > 260)
            {
                throw RuleException.Invalid("responseDays",
                    $"A promise is 1 to 260 working days, for a stage that awaits an answer ('{status.ApiName()}' with {days}).");
            }
        }
        var themes = subThemes.Select(s => s with { Name = s.Name.Trim() }).ToList();
        if (themes.Any(s => s.Name.Length is 0 or > MaxSubThemeLength))
        {
            throw RuleException.Invalid("subThemes", $"A sub-theme has 1 to {MaxSubThemeLength} characters.");
        }
        if (themes.DistinctBy(s => (s.Theme, s.Name.ToUpperInvariant())).Count() != themes.Count)
        {
            throw RuleException.Invalid("subThemes", "A sub-theme is named once per theme.");
        }
        if (ratingPeriodDays is < 1 or > 365)
        {
            throw RuleException.Invalid("ratingPeriodDays", "The rating period is 1 to 365 days.");
        }
        List<DateOnly> newHolidays = [.. holidays.Distinct().Order()];
        if (!newHolidays.SequenceEqual(Holidays))
        {
            // The calendar keeps a copy (no office-hour slots on holidays).
            Raise(HolidaysNow(newHolidays, DateTimeOffset.UtcNow));
        }
        FastTrackMaxAmount = fastTrackMaxAmount;
        ResponseDays = new(responseDays);
        Holidays = newHolidays;
        SubThemes = themes;
        RatingPeriodDays = ratingPeriodDays;
    }

    /// <summary>The whole list of holidays as the event the copies take (also when one asks for it: <see cref="HolidaysRequested"/>).</summary>
    public HolidaysChanged HolidaysNow(DateTimeOffset now) => HolidaysNow(Holidays, now);

    private HolidaysChanged HolidaysNow(List<DateOnly> holidays, DateTimeOffset now) => new(TenantId, Guid.CreateVersion7(now), now, holidays);

    /// <summary>When the answer is due for an initiative that entered <paramref name="status"/> on <paramref name="enteredOn"/>; null when none is promised.</summary>
    public DateOnly? AnswerDueBy(InitiativeStatus status, DateOnly enteredOn) =>
        ResponseDays.TryGetValue(status, out var days) ? WorkingDays.Add(enteredOn, days, Holidays) : null;

    public bool IsFastTrack(decimal amount) => amount <= FastTrackMaxAmount;

    /// <summary>The sub-theme's name as the municipality spells it, or null when it has no such sub-theme under the theme.</summary>
    public string? FindSubTheme(Theme theme, string name) =>
        SubThemes.FirstOrDefault(s => s.Theme == theme && string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
}

using Buurt.Contracts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>What a priority says: its period, theme, title, goal and rank (none given: 1 when new, unchanged when changed).</summary>
public sealed record PriorityDetails(DateOnly From, DateOnly Until, Theme Theme, string Title, string Goal, int? Rank);

/// <summary>
/// A priority of a wijkplan: for one wijk and period, a prioritised theme with a goal.
/// Initiatives can say which priority they serve.
/// </summary>
public sealed class WijkPriority
{
    public const int TitleMaxLength = 120;
    public const int GoalMaxLength = 2000;

    private WijkPriority()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid AreaId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly Until { get; private set; }

    public Theme Theme { get; private set; }

    public string Title { get; private set; } = "";

    public string Goal { get; private set; } = "";

    /// <summary>1 is the wijk's first priority.</summary>
    public int Rank { get; private set; }

    public static WijkPriority Create(string tenantId, Guid areaId, PriorityDetails details, DateTimeOffset now)
    {
        var priority = new WijkPriority { Id = Guid.CreateVersion7(now), TenantId = tenantId, AreaId = areaId, Rank = 1 };
        priority.Change(details);
        return priority;
    }

    public void Change(PriorityDetails details)
    {
        var (from, until, rank) = (details.From, details.Until, details.Rank ?? Rank);
        if (until < from || until > from.AddYears(10))
        {
            throw RuleException.Invalid("until", "A period ends on or after its start, within ten years.");
        }
        if (rank is < 1 or > 100)
        {
            throw RuleException.Invalid("rank", "A rank is 1 to 100.");
        }
        // Checked before anything changes: a refused change leaves the priority as it was.
        var title = RequiredText.Checked(details.Title, TitleMaxLength, "title");
        var goal = RequiredText.Checked(details.Goal, GoalMaxLength, "goal");
        From = from;
        Until = until;
        Theme = details.Theme;
        Title = title;
        Goal = goal;
        Rank = rank;
    }

    public bool Covers(DateOnly date) => From <= date && date <= Until;
}

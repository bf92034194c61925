using Buurt.Contracts;
using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

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

    public static WijkPriority Create(string tenantId, Guid areaId, DateOnly from, DateOnly until, Theme theme, string title, string goal, int rank,
        DateTimeOffset now)
    {
        var priority = new WijkPriority { Id = Guid.CreateVersion7(now), TenantId = tenantId, AreaId = areaId };
        priority.Change(from, until, theme, title, goal, rank);
        return priority;
    }

    public void Change(DateOnly from, DateOnly until, Theme theme, string title, string goal, int rank)
    {
        if (until < from || until > from.AddYears(10))
        {
            throw RuleException.Invalid("until", "A period ends on or after its start, within ten years.");
        }
        if (rank is < 1 or > 100)
        {
            throw RuleException.Invalid("rank", "A rank is 1 to 100.");
        }
        From = from;
        Until = until;
        Theme = theme;
        Title = Conversation.Checked(title, TitleMaxLength, "title");
        Goal = Conversation.Checked(goal, GoalMaxLength, "goal");
        Rank = rank;
    }

    public bool Covers(DateOnly date) => From <= date && date <= Until;
}

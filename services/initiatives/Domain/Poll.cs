using Buurt.ServiceDefaults.Domain;

namespace Buurt.Initiatives.Domain;

/// <summary>When voters and the public see a poll's results.</summary>
public enum PollResults
{
    /// <summary>While the poll runs.</summary>
    Live,

    /// <summary>Only once it has closed.</summary>
    AfterClosing,
}

/// <summary>What a director asks: a question, its options, when it closes and when the results show.</summary>
public sealed record NewPoll(string Question, IReadOnlyList<string> Options, DateTimeOffset ClosesAt, PollResults Results);

/// <summary>
/// A buurtpeiling: the director asks the residents of the initiative's wijk a question with a
/// few options until a closing time. Each resident votes once.
/// </summary>
public sealed class Poll
{
    public const int QuestionMaxLength = 300;
    public const int OptionMaxLength = 120;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;

    private Poll()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    /// <summary>The wijk whose residents may vote (the initiative's).</summary>
    public Guid AreaId { get; private set; }

    public string Question { get; private set; } = "";

    public List<string> Options { get; private set; } = [];

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    public PollResults Results { get; private set; }

    public Guid OpenedBy { get; private set; }

    public static Poll Open(Initiative initiative, NewPoll asked, Guid directorId, DateTimeOffset now)
    {
        var question = asked.Question.Trim();
        var trimmed = asked.Options.Select(o => o.Trim()).ToList();
        // Kept as UTC: a time with the municipality's offset (+01:00) is the same instant, and PostgreSQL stores only UTC.
        var closesAt = asked.ClosesAt.ToUniversalTime();
        if (question.Length is 0 or > QuestionMaxLength)
        {
            throw RuleException.Invalid("question", $"A question has 1 to {QuestionMaxLength} characters.");
        }
        if (trimmed.Count is < MinOptions or > MaxOptions)
        {
            throw RuleException.Invalid("options", $"A poll has {MinOptions} to {MaxOptions} options.");
        }
        if (trimmed.Any(o => o.Length is 0 or > OptionMaxLength) || trimmed.Distinct(StringComparer.OrdinalIgnoreCase).Count() != trimmed.Count)
        {
            throw RuleException.Invalid("options", $"Options are different from each other and have 1 to {OptionMaxLength} characters.");
        }
        if (closesAt <= now || closesAt > now.AddYears(1))
        {
            throw RuleException.Invalid("closesAt", "A poll closes in the future, within a year.");
        }
        if (InitiativeLifeCycle.IsFinal(initiative.Status))
        {
            throw RuleException.Conflict($"The initiative is {initiative.Status.ApiName()}; no poll opens on it any more.");
        }
        return new Poll
        {
            Id = Guid.CreateVersion7(now),
            TenantId = initiative.TenantId,
            InitiativeId = initiative.Id,
            AreaId = initiative.AreaId,
            Question = question,
            Options = trimmed,
            OpenedAt = now,
            ClosesAt = closesAt,
            Results = asked.Results,
            OpenedBy = directorId,
        };
    }

    public bool IsClosed(DateTimeOffset now) => now >= ClosesAt;

    public bool ShowsResults(DateTimeOffset now) => Results == PollResults.Live || IsClosed(now);

    public Vote Vote(Guid residentId, int option, DateTimeOffset now)
    {
        if (IsClosed(now))
        {
            throw RuleException.Conflict($"The poll closed at {ClosesAt:O}; it takes no more votes.");
        }
        if (option < 0 || option >= Options.Count)
        {
            throw RuleException.Invalid("option", $"Choose an option from 0 to {Options.Count - 1}.");
        }
        return new Vote(this, residentId, option, now);
    }
}

/// <summary>One resident's vote in a poll.</summary>
public sealed class Vote
{
    private Vote()
    {
    }

    internal Vote(Poll poll, Guid residentId, int option, DateTimeOffset at)
    {
        TenantId = poll.TenantId;
        PollId = poll.Id;
        ResidentId = residentId;
        Option = option;
        At = at;
    }

    public string TenantId { get; private set; } = "";

    public Guid PollId { get; private set; }

    public Guid ResidentId { get; private set; }

    public int Option { get; private set; }

    public DateTimeOffset At { get; private set; }
}

namespace Buurt.Initiatives.Domain;

/// <summary>Where a deal version stands.</summary>
public enum DealState
{
    /// <summary>On the table: waiting for acceptances and the funds.</summary>
    Proposed,

    /// <summary>Replaced by a later version before it was accepted.</summary>
    Superseded,

    /// <summary>Accepted by every party with the money reserved: immutable from now on.</summary>
    Accepted,
}

/// <summary>What the budget said of the deal's amount.</summary>
public enum FundingStatus
{
    Pending,
    Reserved,
    Rejected,
}

/// <summary>
/// One version of a buurtdeal: the amount asked from the wijk budget and what each side commits
/// to. A change to a proposed deal makes a new version; an accepted version never changes.
/// </summary>
public sealed class Deal
{
    public const int MaxCommitmentsPerSide = 25;

    private readonly List<Commitment> _commitments = [];

    private Deal()
    {
    }

    public Guid Id { get; private set; }

    public string TenantId { get; private set; } = "";

    public Guid InitiativeId { get; private set; }

    /// <summary>1 for the first proposal, one more for each revision.</summary>
    public int Version { get; private set; }

    public decimal Amount { get; private set; }

    public DealState State { get; private set; }

    public FundingStatus FundingStatus { get; private set; }

    /// <summary>The budget's machine-readable reason (insufficient-funds, above-mandate, no-budget).</summary>
    public string? FundingRejectionReason { get; private set; }

    /// <summary>The budget's reason in words.</summary>
    public string? FundingRejectionDetail { get; private set; }

    /// <summary>Whose mandate covers the amount, as the budget said: director or alderman.</summary>
    public string? Approver { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public Guid ProposedBy { get; private set; }

    public DateTimeOffset? InitiatorsAcceptedAt { get; private set; }

    public DateTimeOffset? DirectorAcceptedAt { get; private set; }

    public DateTimeOffset? AldermanAcceptedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public IReadOnlyList<Commitment> Commitments => _commitments;

    /// <summary>The alderman accepts too when the amount is above the director's mandate.</summary>
    public bool NeedsAlderman => Approver == "alderman";

    internal static Deal Propose(Initiative initiative, int version, DealTerms terms, Guid proposedBy, DateTimeOffset now)
    {
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(now),
            TenantId = initiative.TenantId,
            InitiativeId = initiative.Id,
            Version = version,
            Amount = terms.Amount,
            State = DealState.Proposed,
            FundingStatus = FundingStatus.Pending,
            ProposedAt = now,
            ProposedBy = proposedBy,
        };
        // The rules name the row as the API got it (residentCommitments[1].owner): each side numbered from 0.
        foreach (var c in terms.Commitments)
        {
            var row = deal._commitments.Count(d => d.Side == c.Side);
            deal._commitments.Add(Commitment.For(deal, c, $"{(c.Side == CommitmentSide.Resident ? "residentCommitments" : "municipalCommitments")}[{row}]"));
        }
        return deal;
    }

    internal void Supersede() => State = DealState.Superseded;

    internal void FundsReserved(string approver)
    {
        FundingStatus = FundingStatus.Reserved;
        Approver = approver;
        FundingRejectionReason = null;
        FundingRejectionDetail = null;
    }

    internal void FundsRejected(string reason, string detail)
    {
        FundingStatus = FundingStatus.Rejected;
        FundingRejectionReason = reason;
        FundingRejectionDetail = detail;
    }

    /// <summary>Records a party's acceptance; false when that party had already accepted.</summary>
    internal bool AcceptBy(LifeCycleActor party, DateTimeOffset now)
    {
        switch (party)
        {
            case LifeCycleActor.Initiator when InitiatorsAcceptedAt is null:
                InitiatorsAcceptedAt = now;
                return true;
            case LifeCycleActor.Director when DirectorAcceptedAt is null:
                DirectorAcceptedAt = now;
                return true;
            case LifeCycleActor.Alderman when AldermanAcceptedAt is null:
                AldermanAcceptedAt = now;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Every needed party accepted and the money is reserved.</summary>
    internal bool IsReadyToAccept =>
        State == DealState.Proposed
        && FundingStatus == FundingStatus.Reserved
        && InitiatorsAcceptedAt is not null
        && DirectorAcceptedAt is not null
        && (!NeedsAlderman || AldermanAcceptedAt is not null);

    internal void MarkAccepted(DateTimeOffset now)
    {
        State = DealState.Accepted;
        AcceptedAt = now;
        var today = WorkingDays.LocalDate(now);
        foreach (var commitment in _commitments)
        {
            commitment.Start(today);
        }
    }
}

/// <summary>What a director proposes: the amount and each side's commitments.</summary>
public sealed record DealTerms(decimal Amount, IReadOnlyList<CommitmentTerms> Commitments);

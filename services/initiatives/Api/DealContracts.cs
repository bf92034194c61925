using System.ComponentModel.DataAnnotations;
using Buurt.Initiatives.Domain;
using Buurt.ServiceDefaults.Api;

namespace Buurt.Initiatives.Api;

/// <summary>The director proposes (or revises) the buurtdeal.</summary>
public sealed record DealRequest
{
    /// <summary>Euros asked from the wijk budget: more than zero, whole cents.</summary>
    [Required, EuroAmount]
    public decimal? Amount { get; init; }

    /// <summary>What the residents do: at least one.</summary>
    [Required, MaxLength(Deal.MaxCommitmentsPerSide)]
    public IReadOnlyList<CommitmentRequest>? ResidentCommitments { get; init; }

    /// <summary>What the municipality does.</summary>
    [MaxLength(Deal.MaxCommitmentsPerSide)]
    public IReadOnlyList<CommitmentRequest>? MunicipalCommitments { get; init; }

    /// <summary>A note for the timeline.</summary>
    [StringLength(Initiative.NoteMaxLength)]
    public string? Note { get; init; }
}

/// <summary>One commitment: who, what, and when (once by a due date, or recurring).</summary>
public sealed record CommitmentRequest
{
    [Required, StringLength(Commitment.DescriptionMaxLength, MinimumLength = 1)]
    public string? Description { get; init; }

    [Required, StringLength(Commitment.OwnerMaxLength, MinimumLength = 1)]
    public string? Owner { get; init; }

    public DateOnly? DueDate { get; init; }

    public RecurrenceDto? Recurrence { get; init; }
}

/// <summary>Repeats every <c>interval</c> weeks, months or years until <c>until</c>.</summary>
public sealed record RecurrenceDto
{
    [Required]
    public RecurrenceFrequency? Frequency { get; init; }

    [Range(1, 12)]
    public int? Interval { get; init; }

    [Required]
    public DateOnly? Until { get; init; }
}

/// <summary>Marks a commitment (or this occurrence of it) done.</summary>
public sealed record CommitmentDoneRequest
{
    [StringLength(Commitment.NoteMaxLength)]
    public string? Note { get; init; }
}

/// <summary>Which parties accepted a deal version, and when.</summary>
public sealed record DealAcceptances(DateTimeOffset? Initiators, DateTimeOffset? Director, DateTimeOffset? Alderman, bool AldermanNeeded);

/// <summary>A deal version as clients see it.</summary>
public sealed record DealResponse(
    int Version,
    decimal Amount,
    DealState State,
    FundingStatus FundingStatus,
    string? FundingRejectionReason,
    string? FundingRejectionDetail,
    string? Approver,
    DateTimeOffset ProposedAt,
    DealAcceptances Acceptances,
    DateTimeOffset? AcceptedAt,
    IReadOnlyList<CommitmentResponse> ResidentCommitments,
    IReadOnlyList<CommitmentResponse> MunicipalCommitments)
{
    public static DealResponse From(Deal d) => new(
        d.Version, d.Amount, d.State, d.FundingStatus, d.FundingRejectionReason, d.FundingRejectionDetail, d.Approver, d.ProposedAt,
        new DealAcceptances(d.InitiatorsAcceptedAt, d.DirectorAcceptedAt, d.AldermanAcceptedAt, d.NeedsAlderman), d.AcceptedAt,
        [.. d.Commitments.Where(c => c.Side == CommitmentSide.Resident).Select(CommitmentResponse.From)],
        [.. d.Commitments.Where(c => c.Side == CommitmentSide.Municipal).Select(CommitmentResponse.From)]);
}

public sealed record CommitmentResponse(
    Guid Id,
    CommitmentSide Side,
    string Description,
    string Owner,
    DateOnly? DueDate,
    RecurrenceDto? Recurrence,
    CommitmentStatus Status,
    DateOnly? NextDue,
    int TimesDone,
    DateTimeOffset? LastDoneAt,
    string? LastDoneNote)
{
    public static CommitmentResponse From(Commitment c) => new(
        c.Id, c.Side, c.Description, c.Owner, c.DueDate,
        c.Recurrence is { } r ? new RecurrenceDto { Frequency = r.Frequency, Interval = r.Interval, Until = r.Until } : null,
        c.Status, c.NextDue, c.TimesDone, c.LastDoneAt, c.LastDoneNote);
}

/// <summary>An open commitment past its due date, for the overdue list.</summary>
public sealed record OverdueCommitment(Guid InitiativeId, string InitiativeTitle, Guid AreaId, CommitmentResponse Commitment);

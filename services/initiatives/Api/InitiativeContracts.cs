using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Buurt.Contracts;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;

namespace Buurt.Initiatives.Api;

/// <summary>A resident submits an initiative.</summary>
public sealed record SubmitInitiativeRequest
{
    /// <summary>Short title, 1 to 120 characters.</summary>
    [Required, StringLength(Initiative.TitleMaxLength, MinimumLength = 1)]
    public string? Title { get; init; }

    /// <summary>What the residents want to do and why, 1 to 4000 characters.</summary>
    [Required, StringLength(Initiative.DescriptionMaxLength, MinimumLength = 1)]
    public string? Description { get; init; }

    /// <summary>The wijk's id.</summary>
    [Required]
    public Guid? AreaId { get; init; }

    /// <summary>Optional: a buurt of that wijk.</summary>
    public Guid? BuurtId { get; init; }

    /// <summary>sociaal, fysiek or veilig.</summary>
    [Required]
    public Theme? Theme { get; init; }

    /// <summary>Optional: one of the municipality's sub-themes of the theme (see /settings).</summary>
    [StringLength(TenantSettings.MaxSubThemeLength)]
    public string? SubTheme { get; init; }

    /// <summary>Euros asked from the wijk budget: zero or more, whole cents.</summary>
    [Required, EuroAmount]
    public decimal? RequestedAmount { get; init; }

    /// <summary>Optional WGS84 point, in the Netherlands.</summary>
    public LocationDto? Location { get; init; }

    /// <summary>Optional address or place description.</summary>
    [StringLength(Initiative.AddressMaxLength)]
    public string? AddressText { get; init; }

    /// <summary>Optional: the wijk priority (wijkplan) it serves.</summary>
    public Guid? PriorityId { get; init; }

    /// <summary>The name the initiators agree to show publicly (open data, the map); leave out to stay anonymous.</summary>
    [StringLength(Initiative.PublicNameMaxLength)]
    public string? PublicName { get; init; }
}

/// <summary>A WGS84 point.</summary>
public sealed record LocationDto
{
    [Required, Range(-90.0, 90.0)]
    public double? Lat { get; init; }

    [Required, Range(-180.0, 180.0)]
    public double? Lon { get; init; }
}

/// <summary>Filters of the list, the map and the exports.</summary>
public sealed record InitiativeQuery
{
    /// <summary>Only initiatives in this wijk.</summary>
    public Guid? AreaId { get; init; }

    /// <summary>Only initiatives in this buurt.</summary>
    public Guid? BuurtId { get; init; }

    /// <summary>Statuses, comma-separated (submitted, internal-check, ...).</summary>
    [StringLength(300)]
    public string? Status { get; init; }

    /// <summary>sociaal, fysiek or veilig.</summary>
    [StringLength(20)]
    public string? Theme { get; init; }

    /// <summary>Only initiatives linked to this wijk priority.</summary>
    public Guid? PriorityId { get; init; }

    /// <summary>Words to find in title and description (Dutch full text: "speeltuinen" finds "speeltuin").</summary>
    [StringLength(200)]
    public string? Q { get; init; }

    /// <summary>newest (default), oldest, support or title.</summary>
    [StringLength(20)]
    public string? Sort { get; init; }
}

/// <summary>An initiative as clients see it.</summary>
public sealed record InitiativeResponse(
    Guid Id,
    string Title,
    string Description,
    Guid AreaId,
    Guid? BuurtId,
    Theme Theme,
    string? SubTheme,
    decimal RequestedAmount,
    LocationDto? Location,
    string? AddressText,
    Guid? PriorityId,
    string? PublicName,
    InitiativeStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset StatusChangedAt,
    DateOnly? AnswerDueBy,
    string? DeclineReason,
    int SupportCount,
    decimal? FinalCost,
    DateTimeOffset? CompletedAt,
    DealResponse? Deal,
    IReadOnlyList<InitiativeStatus>? AllowedMoves)
{
    public static InitiativeResponse From(Initiative i, Deal? deal = null, IReadOnlyList<InitiativeStatus>? allowedMoves = null) => new(
        i.Id, i.Title, i.Description, i.AreaId, i.BuurtId, i.Theme, i.SubTheme, i.RequestedAmount,
        i.Location is null ? null : new LocationDto { Lat = i.Location.Lat, Lon = i.Location.Lon },
        i.AddressText, i.PriorityId, i.PublicName, i.Status, i.SubmittedAt, i.StatusChangedAt, i.AnswerDueBy, i.DeclineReason,
        i.SupportCount, i.FinalCost, i.CompletedAt, deal is null ? null : DealResponse.From(deal), allowedMoves);

    public static InitiativeResponse From(InitiativeView view) => From(view.Initiative, view.Deal, view.AllowedMoves);
}

/// <summary>An initiative in a list: what a list shows, without the long text.</summary>
public sealed record InitiativeSummary(
    Guid Id,
    string Title,
    Guid AreaId,
    Guid? BuurtId,
    Theme Theme,
    string? SubTheme,
    decimal RequestedAmount,
    InitiativeStatus Status,
    DateTimeOffset SubmittedAt,
    DateOnly? AnswerDueBy,
    int SupportCount,
    Guid? PriorityId)
{
    /// <summary>The projection every list uses: translated to SQL, so lists never load whole initiatives.</summary>
    public static readonly Expression<Func<Initiative, InitiativeSummary>> Of = i => new InitiativeSummary(
        i.Id, i.Title, i.AreaId, i.BuurtId, i.Theme, i.SubTheme, i.RequestedAmount, i.Status, i.SubmittedAt, i.AnswerDueBy, i.SupportCount, i.PriorityId);
}

/// <summary>A move: the new status, a note for the timeline, a reason (needed to decline) and, to complete, the final cost.</summary>
public sealed record StatusChangeRequest
{
    [Required, StringLength(30)]
    public string? Status { get; init; }

    [StringLength(Initiative.NoteMaxLength)]
    public string? Note { get; init; }

    [StringLength(Initiative.NoteMaxLength)]
    public string? Reason { get; init; }

    /// <summary>Needed to complete: what the wijk budget really spent, at most the deal's amount.</summary>
    [EuroAmount]
    public decimal? FinalCost { get; init; }
}

/// <summary>One step of the timeline.</summary>
public sealed record TimelineEntryResponse(
    DateTimeOffset At,
    TimelineKind Kind,
    LifeCycleActor ActorRole,
    Guid? ActorId,
    InitiativeStatus? From,
    InitiativeStatus? To,
    string? Note,
    string? Reason,
    DateOnly? AnswerDueBy,
    bool? AnsweredOnTime)
{
    public static TimelineEntryResponse Of(TimelineEntry e) =>
        new(e.At, e.Kind, e.ActorRole, e.ActorId, e.From, e.To, e.Note, e.Reason, e.AnswerDueBy, e.AnsweredOnTime);
}

using System.ComponentModel.DataAnnotations;
using Buurt.Contracts;
using Buurt.Initiatives.Domain;
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

    /// <summary>sociaal, fysiek or veilig.</summary>
    [Required]
    public Theme? Theme { get; init; }

    /// <summary>Euros asked from the wijk budget: zero or more, whole cents.</summary>
    [Required, EuroAmount]
    public decimal? RequestedAmount { get; init; }

    /// <summary>Optional WGS84 point.</summary>
    public LocationDto? Location { get; init; }
}

/// <summary>A WGS84 point.</summary>
public sealed record LocationDto
{
    [Required, Range(-90.0, 90.0)]
    public double? Lat { get; init; }

    [Required, Range(-180.0, 180.0)]
    public double? Lon { get; init; }
}

/// <summary>Filters of the initiatives list.</summary>
public sealed record InitiativeQuery
{
    /// <summary>Only initiatives in this wijk.</summary>
    public Guid? AreaId { get; init; }
}

/// <summary>An initiative as clients see it.</summary>
public sealed record InitiativeResponse(
    Guid Id,
    string Title,
    string Description,
    Guid AreaId,
    Theme Theme,
    decimal RequestedAmount,
    LocationDto? Location,
    InitiativeStatus Status,
    DateTimeOffset SubmittedAt)
{
    public static InitiativeResponse From(Initiative i) => new(
        i.Id, i.Title, i.Description, i.AreaId, i.Theme, i.RequestedAmount,
        i.Location is null ? null : new LocationDto { Lat = i.Location.Lat, Lon = i.Location.Lon },
        i.Status, i.SubmittedAt);
}

using System.ComponentModel.DataAnnotations;
using Buurt.Contracts;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using Buurt.Initiatives.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Initiatives.Api;

/// <summary>/settings: how the municipality works the cycle. Public to read (residents see the promises), the tenant admin changes it.</summary>
public static class SettingsApi
{
    public static void MapSettings(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("", Read).WithName("GetSettings");
        settings.MapPut("", Change).WithName("ChangeSettings").RequireAuthorization(BuurtPolicies.TenantAdmin);
    }

    private static async Task<Ok<SettingsDto>> Read(InitiativesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(SettingsDto.From(await db.SettingsAsync(cancellationToken)));

    private static async Task<Ok<SettingsDto>> Change(SettingsDto request, MunicipalitySettings settings, CancellationToken cancellationToken)
    {
        var days = new Dictionary<InitiativeStatus, int>();
        foreach (var (name, count) in request.ResponseDays!)
        {
            days[InitiativeLifeCycle.ParseApiName(name, "responseDays")] = count;
        }
        var changed = await settings.ChangeAsync(request.FastTrackMaxAmount!.Value, days, request.Holidays ?? [],
            [.. (request.SubThemes ?? []).Select(s => new SubTheme(s.Theme!.Value, s.Name!))], request.RatingPeriodDays!.Value, cancellationToken);
        return TypedResults.Ok(SettingsDto.From(changed));
    }
}

/// <summary>The settings as the API reads and writes them.</summary>
public sealed record SettingsDto
{
    /// <summary>Requests up to this amount may skip the reciprocity talk.</summary>
    [Required, EuroAmount]
    public decimal? FastTrackMaxAmount { get; init; }

    /// <summary>Per stage (status name), within how many working days the next answer is due.</summary>
    [Required]
    public IReadOnlyDictionary<string, int>? ResponseDays { get; init; }

    /// <summary>Days that are no working days beside weekends.</summary>
    [MaxLength(200)]
    public IReadOnlyList<DateOnly>? Holidays { get; init; }

    [MaxLength(100)]
    public IReadOnlyList<SubThemeDto>? SubThemes { get; init; }

    /// <summary>Days after completion during which residents may rate.</summary>
    [Required, Range(1, 365)]
    public int? RatingPeriodDays { get; init; }

    public static SettingsDto From(TenantSettings s) => new()
    {
        FastTrackMaxAmount = s.FastTrackMaxAmount,
        ResponseDays = s.ResponseDays.OrderBy(d => d.Key).ToDictionary(d => d.Key.ApiName(), d => d.Value),
        Holidays = s.Holidays,
        SubThemes = [.. s.SubThemes.Select(t => new SubThemeDto { Theme = t.Theme, Name = t.Name })],
        RatingPeriodDays = s.RatingPeriodDays,
    };
}

public sealed record SubThemeDto
{
    [Required]
    public Theme? Theme { get; init; }

    [Required, StringLength(TenantSettings.MaxSubThemeLength, MinimumLength = 1)]
    public string? Name { get; init; }
}

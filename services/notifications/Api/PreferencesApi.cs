using System.ComponentModel.DataAnnotations;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Notifications.Api;

/// <summary>/api/notifications/v1/preferences: per kind and channel, immediately, in the daily digest (e-mail) or off; transactional kinds are always on.</summary>
public static class PreferencesApi
{
    public static void MapPreferences(this IEndpointRouteBuilder api)
    {
        var preferences = api.MapGroup("/preferences").WithTags("Preferences").RequireAuthorization();
        preferences.MapGet("", ListAsync).WithName("ListPreferences");
        preferences.MapPut("/{kind}", ChooseAsync).WithName("ChoosePreference").ProducesValidationProblem();
    }

    private static async Task<Ok<PreferenceList>> ListAsync(HttpContext http, PreferenceSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(Response(await settings.OfAsync(Caller.AccountOf(http.User), cancellationToken), settings.SmsOffered));

    private static async Task<Ok<PreferenceList>> ChooseAsync(
        string kind, PreferenceRequest request, HttpContext http, PreferenceSettings settings, CancellationToken cancellationToken)
    {
        var account = Caller.AccountOf(http.User);
        var chosenKind = Kinds.ParseKind(kind, "kind");
        var choices = new Dictionary<Channel, (Delivery, string)>();
        if (request.Email is { } email)
        {
            choices[Channel.Email] = (Kinds.ParseDelivery(email, "email"), "email");
        }
        if (request.InApp is { } inApp)
        {
            choices[Channel.InApp] = (Kinds.ParseDelivery(inApp, "inApp"), "inApp");
        }
        if (request.Push is { } push)
        {
            choices[Channel.Push] = (Kinds.ParseDelivery(push, "push"), "push");
        }
        if (request.Sms is { } sms)
        {
            choices[Channel.Sms] = (Kinds.ParseDelivery(sms, "sms"), "sms");
        }
        if (choices.Count == 0)
        {
            throw Buurt.ServiceDefaults.Domain.RuleException.Invalid("email", "Choose for at least one channel: email, inApp, push or sms.");
        }
        await settings.ChooseAsync(account, chosenKind, choices, cancellationToken);
        return TypedResults.Ok(Response(await settings.OfAsync(account, cancellationToken), settings.SmsOffered));
    }

    private static PreferenceList Response(IReadOnlyList<PreferenceSettings.KindChoice> choices, bool smsOffered) =>
        new([.. choices.Select(c => new PreferenceResponse(c.Kind.ApiName(), c.Transactional,
            c.Channels.ToDictionary(x => x.Key.ApiName(), x => x.Value.ApiName())))], smsOffered);
}

/// <summary>A choice per channel: "immediately" or "off", for e-mail also "digest" (one mail a day); a channel left out stays as it is.</summary>
public sealed record PreferenceRequest
{
    [RegularExpression("^(immediately|digest|off)$")]
    public string? Email { get; init; }

    [RegularExpression("^(immediately|off)$")]
    public string? InApp { get; init; }

    [RegularExpression("^(immediately|off)$")]
    public string? Push { get; init; }

    /// <summary>Text messages: only where the municipality sends them and the account has a mobile number, else a 400 naming sms.</summary>
    [RegularExpression("^(immediately|off)$")]
    public string? Sms { get; init; }
}

/// <summary>
/// The kinds, and whether the municipality sends text messages at all: the <c>sms</c> channel is listed
/// only once the account has a number too, so a page can tell "give your number" from "no texts here".
/// </summary>
public sealed record PreferenceList(IReadOnlyList<PreferenceResponse> Items, bool SmsOffered);

/// <summary>A kind and how it reaches the person per channel ("email", "in-app", "push", "sms"); transactional ones cannot be switched off.</summary>
public sealed record PreferenceResponse(string Kind, bool Transactional, IReadOnlyDictionary<string, string> Channels);

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Buurt.Contacts.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Contacts.Api;

/// <summary>/who: "who do I talk to about this, where I live" — by postcode (or wijk) and topic.</summary>
public static class WhoApi
{
    /// <summary>How long the gateway may share an answer with no person in it.</summary>
    public static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(30);

    public static void MapWho(this IEndpointRouteBuilder api) =>
        api.MapGet("/who", Who).WithTags("Who do I talk to").WithName("WhoDoITalkTo")
            .WithSummary("The contacts for a topic in the wijk of a postcode; without a topic, the wijk's contacts (a wijk page's \"your contacts\").")
            .ProducesValidationProblem().ProducesProblem(404);

    /// <remarks>
    /// Personal details never go into a shared cache: an answer is marked for the gateway's cache only
    /// when it names no person (organisations only) and was asked anonymously; every other answer is
    /// <c>no-store</c>, so a withdrawn consent or a hand-over shows in the very next answer.
    /// </remarks>
    private static async Task<Ok<WhoResponse>> Who(
        [AsParameters] WhoQuery query, ClaimsPrincipal user, NetworkDirectory directory, HttpResponse response, CancellationToken cancellationToken)
    {
        var viewer = Caller.Of(user);
        var answer = await directory.WhoAsync(query.Postcode, query.AreaId, query.Topic, viewer, cancellationToken);
        if (viewer.IsAnonymous && answer.Contacts.Count > 0 && answer.IsPersonFree)
        {
            response.Headers.CacheControl = "public, max-age=" + ((int)SharedFor.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            Caching.NotStored(response);
        }
        return TypedResults.Ok(WhoResponse.Of(answer));
    }
}

public sealed record WhoQuery
{
    /// <summary>Where the question is about: a PC4 postcode (1221) or a full one (1221 AB).</summary>
    [StringLength(10)]
    public string? Postcode { get; init; }

    /// <summary>Instead of a postcode: the wijk (a wijk page).</summary>
    public Guid? AreaId { get; init; }

    /// <summary>One of the municipality's topics (groen, verkeer, ...; see /topics); left out: all the wijk's contacts.</summary>
    [StringLength(40)]
    public string? Topic { get; init; }
}

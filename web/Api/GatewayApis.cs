using System.Globalization;
using System.Net;
using Buurt.Contracts.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Buurt.Web.Api;

/// <summary>The typed clients: one per service, each over the gateway's public API only (what the web app can do, any app can).</summary>
public static class GatewayApis
{
    public static void AddGatewayApis(this IServiceCollection services, IConfiguration configuration)
    {
        var gateway = new Uri(configuration["Web:Gateway"] ?? throw new InvalidOperationException("Web:Gateway (the gateway's address) is not configured."));
        services.AddHttpContextAccessor();
        services.AddTransient<GatewayHandler>();
        void Configure(HttpClient client)
        {
            client.BaseAddress = gateway;
            client.Timeout = TimeSpan.FromSeconds(10);
        }
        services.AddHttpClient<IdentityApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<InitiativesApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<BudgetApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<CalendarApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<ContactsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
    }

    internal static string WithQuery(string path, params (string Name, string? Value)[] query) =>
        QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Name, q.Value)));

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The answer, or null for a 404 (an unknown id, or another municipality's).</summary>
    internal static async Task<T?> GetOrNullAsync<T>(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json.Options, cancellationToken);
    }

    internal static HttpRequestMessage Get(string path, bool asUser = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Options.Set(GatewayHandler.AsUser, asUser);
        return request;
    }
}

/// <summary>Identity: the municipalities, their wijken, the wijk of a postcode.</summary>
public sealed class IdentityApi(HttpClient client)
{
    public async Task<IReadOnlyList<TenantResponse>> TenantsAsync(CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<TenantList>("/api/identity/v1/tenants", Json.Options, cancellationToken))!.Items;

    public async Task<IReadOnlyList<WijkResponse>> WijkenAsync(CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<AreaList>("/api/identity/v1/areas", Json.Options, cancellationToken))!.Items;

    /// <summary>The wijk of a postcode; a problem for a malformed one (400) or one outside the municipality (404).</summary>
    public async Task<(AreaReference? Wijk, ApiProblem? Problem)> WijkOfPostcodeAsync(string postcode, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/api/identity/v1/postcodes/{Uri.EscapeDataString(postcode)}", cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return (null, await ApiProblem.ReadAsync(response, cancellationToken));
        }
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<PostcodeAnswer>(Json.Options, cancellationToken);
        return (answer!.Area, null);
    }

    private sealed record PostcodeAnswer(string Postcode, AreaReference Area);
}

/// <summary>Initiatives: the list with its filters, one initiative, its timeline, submitting one.</summary>
public sealed class InitiativesApi(HttpClient client)
{
    private const string Base = "/api/initiatives/v1/initiatives";

    public async Task<Paged<InitiativeSummary>> ListAsync(
        Guid? areaId, string? theme, string? status, string? q, int page, int pageSize, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<Paged<InitiativeSummary>>(GatewayApis.WithQuery(Base,
            ("areaId", areaId?.ToString()), ("theme", theme), ("status", status), ("q", q),
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), Json.Options, cancellationToken))!;

    public Task<Initiative?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<Initiative>(GatewayApis.Get($"{Base}/{id}"), cancellationToken);

    /// <summary>The timeline, for the initiators and the wijk's staff; null for anyone else.</summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(GatewayApis.Get($"{Base}/{id}/timeline", asUser: true), cancellationToken);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<IReadOnlyList<TimelineEntry>>(Json.Options, cancellationToken)
            : null;
    }

    /// <summary>Submits as the signed-in resident: the new id, or the API's problem (field errors by the API's names).</summary>
    public async Task<(Guid? Id, ApiProblem? Problem)> SubmitAsync(InitiativeSubmission initiative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base) { Content = JsonContent.Create(initiative, options: Json.Options) };
        request.Options.Set(GatewayHandler.AsUser, true);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return ((await response.Content.ReadFromJsonAsync<Created>(Json.Options, cancellationToken))!.Id, null);
        }
        return (null, await ApiProblem.ReadAsync(response, cancellationToken));
    }
}

/// <summary>Budget: a wijk's money this year, as the public summary gives it.</summary>
public sealed class BudgetApi(HttpClient client)
{
    public Task<AreaBudget?> WijkAsync(int year, Guid areaId, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<AreaBudget>(GatewayApis.Get($"/api/budget/v1/budgets/{year}/areas/{areaId}"), cancellationToken);
}

/// <summary>Calendar: the agenda of the municipality or one wijk, from today.</summary>
public sealed class CalendarApi(HttpClient client)
{
    public async Task<Paged<AgendaItem>> AgendaAsync(Guid? areaId, int page, int pageSize, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<Paged<AgendaItem>>(GatewayApis.WithQuery("/api/calendar/v1/agenda",
            ("areaId", areaId?.ToString()), ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), Json.Options, cancellationToken))!;
}

/// <summary>Contacts: who to talk to, by postcode or wijk and topic.</summary>
public sealed class ContactsApi(HttpClient client)
{
    public async Task<IReadOnlyList<Topic>> TopicsAsync(CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<IReadOnlyList<Topic>>("/api/contacts/v1/topics", Json.Options, cancellationToken))!;

    /// <summary>The answer, or the problem (a malformed postcode or unknown topic: 400 naming it; a postcode in no wijk: 404).</summary>
    public async Task<(WhoAnswer? Answer, ApiProblem? Problem)> WhoAsync(string? postcode, Guid? areaId, string? topic, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(GatewayApis.WithQuery("/api/contacts/v1/who",
            ("postcode", postcode), ("areaId", areaId?.ToString()), ("topic", topic)), cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return (null, await ApiProblem.ReadAsync(response, cancellationToken));
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WhoAnswer>(Json.Options, cancellationToken), null);
    }
}

internal static class Json
{
    /// <summary>The APIs' conventions (camelCase; enums stay strings here).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}

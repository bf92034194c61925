using Buurt.Contracts.Identity;

namespace Buurt.Web.Api;

/// <summary>The functional administrator's wijken, buurten and postcode ranges (identity <c>/areas</c>, <c>/postcodes</c>). Always as the user: never a shared cached answer.</summary>
public sealed class AreasAdminApi(HttpClient client)
{
    private const string Base = "/api/identity/v1";

    public Task<(AreaList? Answer, ApiProblem? Problem)> AreasAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<AreaList>(HttpMethod.Get, $"{Base}/areas", null, cancellationToken);

    public Task<(PostcodeRangeList? Answer, ApiProblem? Problem)> PostcodesAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PostcodeRangeList>(HttpMethod.Get, $"{Base}/postcodes", null, cancellationToken);

    /// <summary>A new wijk (no parent) or a buurt of a wijk.</summary>
    public Task<(AreaAnswer? Answer, ApiProblem? Problem)> RegisterAsync(string kind, string? name, string? code, Guid? parentId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<AreaAnswer>(HttpMethod.Post, $"{Base}/areas", new { kind, name, code, parentId }, cancellationToken);

    public Task<(AreaAnswer? Answer, ApiProblem? Problem)> ChangeAsync(Guid id, string? name, string? code, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<AreaAnswer>(HttpMethod.Put, $"{Base}/areas/{id}", new { name, code }, cancellationToken);

    public Task<(PostcodeRangeItem? Answer, ApiProblem? Problem)> AddPostcodesAsync(Guid wijkId, int from, int to, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PostcodeRangeItem>(HttpMethod.Post, $"{Base}/areas/{wijkId}/postcodes", new { from, to }, cancellationToken);

    /// <summary>Removes the wijk's range that starts at <paramref name="from"/>: null, or the problem.</summary>
    public async Task<ApiProblem?> RemovePostcodesAsync(Guid wijkId, int from, CancellationToken cancellationToken) =>
        (await client.SendAsUserAsync<PostcodeRangeItem>(HttpMethod.Delete, $"{Base}/areas/{wijkId}/postcodes/{from}", null, cancellationToken)).Problem;

    /// <summary>A CSV or GeoJSON file of areas, all or nothing (the file as it came, with its media type).</summary>
    public Task<(AreaImportAnswer? Answer, ApiProblem? Problem)> ImportAsync(Stream file, string mediaType, CancellationToken cancellationToken)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return client.SendAsUserAsync<AreaImportAnswer>(HttpMethod.Post, $"{Base}/areas/imports", content, cancellationToken);
    }
}

/// <summary>The municipality's functions, topics and routing rules (contacts): the administrator's side. Always as the user.</summary>
public sealed class NetworkSettingsApi(HttpClient client)
{
    private const string Base = "/api/contacts/v1";

    /// <summary>Every rule: for every wijk and each wijk's own.</summary>
    public Task<(List<RoutingRule>? Answer, ApiProblem? Problem)> RulesAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<RoutingRule>>(HttpMethod.Get, $"{Base}/routing-rules", null, cancellationToken);

    public Task<(NetworkFunction? Answer, ApiProblem? Problem)> DefineFunctionAsync(string key, string? name, int? position, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<NetworkFunction>(HttpMethod.Put, $"{Base}/functions/{Uri.EscapeDataString(key)}", new { name, position }, cancellationToken);

    public Task<(Topic? Answer, ApiProblem? Problem)> DefineTopicAsync(string key, string? name, string? theme, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Topic>(HttpMethod.Put, $"{Base}/topics/{Uri.EscapeDataString(key)}", new { name, theme }, cancellationToken);

    /// <summary>Where a topic (none: the fallback) in a wijk (none: every wijk) goes, to a function or an organisation; it replaces the rule for that topic and wijk.</summary>
    public Task<(RoutingRule? Answer, ApiProblem? Problem)> SetRuleAsync(string? topic, Guid? areaId, string? function, Guid? organisationId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<RoutingRule>(HttpMethod.Put, $"{Base}/routing-rules", new { topic, areaId, function, organisationId }, cancellationToken);

    /// <summary>The function's own contact points: every wijk's first, then each wijk's.</summary>
    public Task<(List<FunctionContactPoint>? Answer, ApiProblem? Problem)> FunctionPointsAsync(string key, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<FunctionContactPoint>>(HttpMethod.Get, $"{Base}/functions/{Uri.EscapeDataString(key)}/contact-points", null, cancellationToken);

    /// <summary>A point of the function for one wijk, or every wijk (none).</summary>
    public Task<(FunctionContactPoint? Answer, ApiProblem? Problem)> AddFunctionPointAsync(string key, Guid? areaId, ContactPointPlan point, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<FunctionContactPoint>(HttpMethod.Post, $"{Base}/functions/{Uri.EscapeDataString(key)}/contact-points",
            new { point.Kind, point.Value, point.Visibility, point.Label, areaId }, cancellationToken);

    public async Task<ApiProblem?> RemoveFunctionPointAsync(string key, Guid id, CancellationToken cancellationToken) =>
        (await client.SendAsUserAsync<FunctionContactPoint>(HttpMethod.Delete, $"{Base}/functions/{Uri.EscapeDataString(key)}/contact-points/{id}", null, cancellationToken)).Problem;

    public async Task<ApiProblem?> RemoveRuleAsync(Guid id, CancellationToken cancellationToken) =>
        (await client.SendAsUserAsync<RoutingRule>(HttpMethod.Delete, $"{Base}/routing-rules/{id}", null, cancellationToken)).Problem;
}

/// <summary>An area as identity's administration answers (a buurt's wijk as its parent).</summary>
public sealed record AreaAnswer(Guid Id, string Name, string Code, Guid? ParentId);

/// <summary>What an import did: areas created, changed (renamed or outlined), unchanged, and postcode ranges added.</summary>
public sealed record AreaImportAnswer(int Created, int Changed, int Unchanged, int PostcodeRanges);

/// <summary>The site's branding in identity (<c>/tenants/me/branding</c>, <c>/tenants/me/logo</c>): the administrator's. Always as the user.</summary>
public sealed class BrandingApi(HttpClient client)
{
    private const string Base = "/api/identity/v1/tenants/me";

    public Task<(TenantResponse? Answer, ApiProblem? Problem)> RebrandAsync(string? displayName, string? accentColor, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<TenantResponse>(HttpMethod.Put, $"{Base}/branding", new { displayName, accentColor }, cancellationToken);

    /// <summary>Back to the municipality's name and the configured colours.</summary>
    public Task<(TenantResponse? Answer, ApiProblem? Problem)> ResetAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<TenantResponse>(HttpMethod.Delete, $"{Base}/branding", null, cancellationToken);

    /// <summary>The file as it came (identity knows a PNG by its signature, not by the name or type given).</summary>
    public Task<(TenantResponse? Answer, ApiProblem? Problem)> SetLogoAsync(Stream file, CancellationToken cancellationToken)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return client.SendAsUserAsync<TenantResponse>(HttpMethod.Put, $"{Base}/logo", content, cancellationToken);
    }

    public Task<(TenantResponse? Answer, ApiProblem? Problem)> RemoveLogoAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<TenantResponse>(HttpMethod.Delete, $"{Base}/logo", null, cancellationToken);
}

/// <summary>A function's own contact point, for one wijk or every wijk (no <c>AreaId</c>).</summary>
public sealed record FunctionContactPoint(Guid Id, string Kind, string Value, string Visibility, string? Label, Guid? AreaId);

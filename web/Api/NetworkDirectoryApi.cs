namespace Buurt.Web.Api;

/// <summary>
/// The network's listings in the workspace (contacts): organisations and their contact points and
/// change history, people with their contact points and consents, the listings due for verification
/// and residents' reports of outdated ones. Always as the user: nothing personal from a shared cache.
/// </summary>
public sealed class NetworkDirectoryApi(HttpClient client)
{
    private const string Base = "/api/contacts/v1";

    public Task<(Paged<NetworkOrganisation>? Answer, ApiProblem? Problem)> OrganisationsAsync(string? q, string? kind, int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<NetworkOrganisation>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/organisations",
            ("q", q), ("kind", kind), ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(OrganisationListing? Answer, ApiProblem? Problem)> OrganisationAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OrganisationListing>(HttpMethod.Get, $"{Base}/organisations/{id}", null, cancellationToken);

    public Task<(OrganisationListing? Answer, ApiProblem? Problem)> RegisterOrganisationAsync(OrganisationPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OrganisationListing>(HttpMethod.Post, $"{Base}/organisations", plan, cancellationToken);

    public Task<(OrganisationListing? Answer, ApiProblem? Problem)> ChangeOrganisationAsync(Guid id, OrganisationPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OrganisationListing>(HttpMethod.Put, $"{Base}/organisations/{id}", plan, cancellationToken);

    /// <summary>The organisation leaves the network (kept for history); contacts refuses while someone holds a function for it today or later.</summary>
    public Task<(OrganisationListing? Answer, ApiProblem? Problem)> EndOrganisationAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OrganisationListing>(HttpMethod.Delete, $"{Base}/organisations/{id}", null, cancellationToken);

    /// <summary>Mails the organisation's own address a link to confirm and correct its listing; earlier links stop working.</summary>
    public Task<(ListingLinkSent? Answer, ApiProblem? Problem)> SendListingLinkAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ListingLinkSent>(HttpMethod.Post, $"{Base}/organisations/{id}/listing-link", null, cancellationToken);

    /// <summary>Everyone who holds or held a function for the organisation (the first hundred).</summary>
    public Task<(Paged<Assignment>? Answer, ApiProblem? Problem)> AssignmentsOfAsync(Guid organisationId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<Assignment>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/assignments",
            ("organisationId", organisationId.ToString()), ("pageSize", "100")), null, cancellationToken);

    public Task<(List<ListingChange>? Answer, ApiProblem? Problem)> ChangesAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<ListingChange>>(HttpMethod.Get, $"{Base}/organisations/{id}/changes", null, cancellationToken);

    /// <summary>Adds a point to an organisation (<c>organisations</c>) or a person (<c>people</c>).</summary>
    public Task<(NetworkContactPoint? Answer, ApiProblem? Problem)> AddContactPointAsync(string listing, Guid id, ContactPointPlan point, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<NetworkContactPoint>(HttpMethod.Post, $"{Base}/{listing}/{id}/contact-points", point, cancellationToken);

    public Task<(NetworkContactPoint? Answer, ApiProblem? Problem)> ChangeContactPointAsync(Guid id, Guid pointId, ContactPointPlan point, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<NetworkContactPoint>(HttpMethod.Put, $"{Base}/organisations/{id}/contact-points/{pointId}", point, cancellationToken);

    public Task<(NetworkContactPoint? Answer, ApiProblem? Problem)> RemoveContactPointAsync(Guid id, Guid pointId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<NetworkContactPoint>(HttpMethod.Delete, $"{Base}/organisations/{id}/contact-points/{pointId}", null, cancellationToken);

    /// <summary>"Still right": the listing's last-verified date becomes now (<c>organisations</c> or <c>people</c>).</summary>
    public Task<(Verified? Answer, ApiProblem? Problem)> VerifyAsync(string listing, Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Verified>(HttpMethod.Post, $"{Base}/{listing}/{id}/verification", null, cancellationToken);

    public Task<(Paged<NetworkPerson>? Answer, ApiProblem? Problem)> PeopleAsync(string? q, int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<NetworkPerson>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/people",
            ("q", q), ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(PersonListing? Answer, ApiProblem? Problem)> PersonAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PersonListing>(HttpMethod.Get, $"{Base}/people/{id}", null, cancellationToken);

    /// <summary>The person's GDPR export (tenant admin), read as it comes: the caller streams it on and disposes the answer.</summary>
    public Task<HttpResponseMessage> ExportPersonAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsync(GatewayApis.Get($"{Base}/people/{id}/export", asUser: true), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>The person's GDPR erasure (tenant admin); contacts refuses while they hold a function today or later.</summary>
    public Task<(PersonListing? Answer, ApiProblem? Problem)> ErasePersonAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PersonListing>(HttpMethod.Delete, $"{Base}/people/{id}", null, cancellationToken);

    /// <summary>The person's consent history, given and withdrawn (keepers and the person only).</summary>
    public Task<(List<ConsentRecord>? Answer, ApiProblem? Problem)> ConsentsAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<List<ConsentRecord>>(HttpMethod.Get, $"{Base}/people/{id}/consents", null, cancellationToken);

    public Task<(ConsentRecord? Answer, ApiProblem? Problem)> GiveConsentAsync(Guid id, ConsentPlan consent, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ConsentRecord>(HttpMethod.Post, $"{Base}/people/{id}/consents", consent, cancellationToken);

    /// <summary>A withdrawal the person made to a keeper (in person, or by mail to the municipality).</summary>
    public Task<(ConsentRecord? Answer, ApiProblem? Problem)> WithdrawConsentAsync(Guid id, Guid consentId, string basis, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ConsentRecord>(HttpMethod.Post, $"{Base}/people/{id}/consents/{consentId}/withdrawals", new { basis }, cancellationToken);

    /// <summary>Listings nobody confirmed for a year and four weeks, the longest ago first.</summary>
    public Task<(Paged<UnverifiedListing>? Answer, ApiProblem? Problem)> UnverifiedAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<UnverifiedListing>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/listings/unverified",
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>Residents' open reports of outdated listings, the oldest first (keepers).</summary>
    public Task<(Paged<ListingReport>? Answer, ApiProblem? Problem)> OpenReportsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<ListingReport>>(HttpMethod.Get, $"{Base}/listing-reports?status=open&pageSize=50", null, cancellationToken);

    public Task<(ListingReport? Answer, ApiProblem? Problem)> ResolveReportAsync(Guid id, string note, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ListingReport>(HttpMethod.Post, $"{Base}/listing-reports/{id}/resolution", new { note }, cancellationToken);
}

/// <summary>An organisation's listing with the contact points the caller may see; when it was last confirmed as still right.</summary>
public sealed record OrganisationListing(
    Guid Id, string Name, string Kind, string? Description, DateTimeOffset? EndedAt, DateTimeOffset LastVerifiedAt, IReadOnlyList<NetworkContactPoint> ContactPoints);

/// <summary>A contact point: whom it is meant for (<c>Visibility</c>) and whom it is shown to now (a person's own: as far as their consents allow).</summary>
public sealed record NetworkContactPoint(Guid Id, string Kind, string Value, string Visibility, string ShownTo, string? Label);

public sealed record OrganisationPlan(string? Name, string? Kind, string? Description, IReadOnlyList<ContactPointPlan>? ContactPoints);

public sealed record ContactPointPlan(string? Kind, string? Value, string? Visibility, string? Label);

/// <summary>One change to an organisation's listing: the field, before and after, by whom (account id or link) as partner, keeper or link, when.</summary>
public sealed record ListingChange(Guid Id, string Field, string? Before, string? After, string ChangedBy, string ChangedAs, DateTimeOffset ChangedAt);

/// <summary>The correction link is on its way; it works until <c>ExpiresAt</c>.</summary>
public sealed record ListingLinkSent(DateTimeOffset ExpiresAt);

public sealed record Verified(string Kind, Guid Id, DateTimeOffset LastVerifiedAt);

/// <summary>A person as staff see them: all their points (shown beyond staff as far as their consents allow), their functions.</summary>
public sealed record PersonListing(Guid Id, string Name, Guid? UserId, IReadOnlyList<NetworkContactPoint> ContactPoints, IReadOnlyList<Assignment> Assignments);

public sealed record ConsentPlan(IReadOnlyList<Guid> ContactPointIds, string? Visibility, string? Basis, string? TextVersion);

/// <summary>A listing nobody confirmed in time; <c>VerificationRequestedAt</c>: when its contact was asked (none: no address to ask).</summary>
public sealed record UnverifiedListing(string Kind, Guid Id, string Name, DateTimeOffset LastVerifiedAt, DateTimeOffset? VerificationRequestedAt);

/// <summary>A resident's report that a listing is outdated.</summary>
public sealed record ListingReport(Guid Id, string ListingKind, Guid ListingId, string ListingName, string Note, DateTimeOffset ReportedAt);

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
        services.AddHttpClient<BudgetBooksApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<CalendarApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<ContactsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<SettingsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<PrioritiesApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<NetworkApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<FiguresApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<AreasAdminApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<NetworkSettingsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<StaffAccountsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<NetworkDirectoryApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<BrandingApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<NotificationsApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
        services.AddHttpClient<MyAccountApi>(Configure).AddHttpMessageHandler<GatewayHandler>();
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

    /// <summary>
    /// Sends as the signed-in user: the answer (null for 204), or the API's problem (a 401 means the
    /// session's token was refused; a 5xx that the service is not answering).
    /// </summary>
    internal static async Task<(T? Answer, ApiProblem? Problem)> SendAsUserAsync<T>(
        this HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
        where T : class
    {
        // A body is JSON, unless it is content already (a file sent as it came).
        using var request = new HttpRequestMessage(method, path) { Content = body as HttpContent ?? (body is null ? null : JsonContent.Create(body, options: Json.Options)) };
        request.Options.Set(GatewayHandler.AsUser, true);
        if (idempotencyKey is not null)
        {
            // The same form sent twice (a double click, a resend after a lost answer) books once: the API replays its first answer.
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, await ApiProblem.ReadAsync(response, cancellationToken));
        }
        // 204, or a 202 without a body (a mail to be sent): nothing to read.
        return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0 ? (null, null) : (await response.Content.ReadFromJsonAsync<T>(Json.Options, cancellationToken), null);
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

    /// <summary>The matching initiatives that have a point (GeoJSON, newest first; the API gives at most a thousand).</summary>
    public async Task<IReadOnlyList<MapFeature>> MapAsync(Guid? areaId, string? theme, string? status, string? q, CancellationToken cancellationToken) =>
        (await client.GetFromJsonAsync<MapFeatures>(GatewayApis.WithQuery($"{Base}/map",
            ("areaId", areaId?.ToString()), ("theme", theme), ("status", status), ("q", q)), Json.Options, cancellationToken))!.Features;

    /// <summary>One initiative; as the signed-in user it also says (allowedMoves) whether they are a party to it.</summary>
    public Task<Initiative?> GetAsync(Guid id, CancellationToken cancellationToken, bool asUser = false) =>
        client.GetOrNullAsync<Initiative>(GatewayApis.Get($"{Base}/{id}", asUser), cancellationToken);

    /// <summary>The signed-in resident's own initiatives, newest first.</summary>
    public Task<(Paged<InitiativeSummary>? Answer, ApiProblem? Problem)> MineAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<InitiativeSummary>>(HttpMethod.Get,
            GatewayApis.WithQuery($"{Base}/mine", ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>Support (PUT) or take the support back (DELETE): the new count, or the problem (409: already / not supporting).</summary>
    public Task<(SupportAnswer? Answer, ApiProblem? Problem)> SupportAsync(Guid id, bool support, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<SupportAnswer>(support ? HttpMethod.Put : HttpMethod.Delete, $"{Base}/{id}/support", null, cancellationToken);

    /// <summary>Accepts the proposed buurtdeal for the caller's side (the initiators').</summary>
    public Task<(Initiative? Answer, ApiProblem? Problem)> AcceptDealAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Initiative>(HttpMethod.Post, $"{Base}/{id}/deal/acceptances", null, cancellationToken);

    /// <summary>The timeline, for the initiators and the wijk's staff; null for anyone else.</summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(GatewayApis.Get($"{Base}/{id}/timeline", asUser: true), cancellationToken);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<IReadOnlyList<TimelineEntry>>(Json.Options, cancellationToken)
            : null;
    }

    /// <summary>The list as the signed-in staff member sees it now (never a shared cached answer).</summary>
    public Task<(Paged<InitiativeSummary>? Answer, ApiProblem? Problem)> ListAsUserAsync(
        Guid areaId, string? status, string? theme, string? q, string? sort, int page, int pageSize, CancellationToken cancellationToken, Guid? priorityId = null) =>
        client.SendAsUserAsync<Paged<InitiativeSummary>>(HttpMethod.Get, GatewayApis.WithQuery(Base,
            ("areaId", areaId.ToString()), ("status", status), ("theme", theme), ("q", q), ("sort", sort), ("priorityId", priorityId?.ToString()),
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>The wijk's initiatives whose answer is due by the coming Sunday, the late ones first (staff).</summary>
    public Task<(Paged<InitiativeSummary>? Answer, ApiProblem? Problem)> AnswersDueAsync(Guid areaId, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<InitiativeSummary>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/answers-due",
            ("areaId", areaId.ToString()), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    /// <summary>Open commitments of accepted deals past their date, of the staff member's wijken (the first hundred).</summary>
    public Task<(Paged<OverdueCommitment>? Answer, ApiProblem? Problem)> OverdueCommitmentsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<OverdueCommitment>>(HttpMethod.Get, $"{Base}/commitments/overdue?pageSize=100", null, cancellationToken);

    /// <summary>Moves the initiative (a 409 names the allowed moves; a 400 the field).</summary>
    public Task<(Initiative? Answer, ApiProblem? Problem)> MoveAsync(Guid id, StatusChange change, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Initiative>(HttpMethod.Post, $"{Base}/{id}/status-changes", change, cancellationToken);

    /// <summary>Proposes the buurtdeal, or a new version of the proposed one.</summary>
    public Task<(Initiative? Answer, ApiProblem? Problem)> ProposeDealAsync(Guid id, DealProposal deal, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Initiative>(HttpMethod.Put, $"{Base}/{id}/deal", deal, cancellationToken);

    /// <summary>Marks a commitment (or this occurrence of a recurring one) done, with a note of what was done.</summary>
    public Task<(Commitment? Answer, ApiProblem? Problem)> CompleteCommitmentAsync(Guid id, Guid commitmentId, string? note, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Commitment>(HttpMethod.Post, $"{Base}/{id}/deal/commitments/{commitmentId}/completions", new { note }, cancellationToken);

    /// <summary>The evaluation, or null when none is written yet.</summary>
    public Task<Evaluation?> EvaluationAsync(Guid id, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<Evaluation>(GatewayApis.Get($"{Base}/{id}/evaluation", asUser: true), cancellationToken);

    public Task<(Evaluation? Answer, ApiProblem? Problem)> WriteEvaluationAsync(Guid id, EvaluationWriting evaluation, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Evaluation>(HttpMethod.Put, $"{Base}/{id}/evaluation", evaluation, cancellationToken);

    /// <summary>The initiative's polls (buurtpeilingen), oldest first, with the results when the poll shows them.</summary>
    public async Task<IReadOnlyList<Poll>> PollsAsync(Guid id, CancellationToken cancellationToken) =>
        await client.GetOrNullAsync<List<Poll>>(GatewayApis.Get($"{Base}/{id}/polls"), cancellationToken) ?? [];

    /// <summary>The director opens a poll: the poll, or the problem (400 naming question, options or closesAt).</summary>
    public Task<(Poll? Answer, ApiProblem? Problem)> OpenPollAsync(Guid id, PollOpening poll, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Poll>(HttpMethod.Post, $"{Base}/{id}/polls", poll, cancellationToken);

    /// <summary>Votes for an option (from 0): the poll, or the problem (403 not of the wijk, 409 voted already or closed).</summary>
    public Task<(Poll? Answer, ApiProblem? Problem)> VoteAsync(Guid id, Guid pollId, int option, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Poll>(HttpMethod.Post, $"{Base}/{id}/polls/{pollId}/votes", new { option }, cancellationToken);

    /// <summary>The initiators' and staff's updates, newest first.</summary>
    public async Task<Paged<ProgressUpdate>> UpdatesAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken) =>
        await client.GetOrNullAsync<Paged<ProgressUpdate>>(GatewayApis.Get(GatewayApis.WithQuery($"{Base}/{id}/updates",
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize)))), cancellationToken) ?? Paged<ProgressUpdate>.Empty(pageSize);

    /// <summary>Posts a progress update as the signed-in initiator or staff: the update, or the problem (400 naming text, 403 not theirs).</summary>
    public Task<(ProgressUpdate? Answer, ApiProblem? Problem)> PostUpdateAsync(Guid id, string text, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<ProgressUpdate>(HttpMethod.Post, $"{Base}/{id}/updates", new { text }, cancellationToken);

    /// <summary>The comments, oldest first; a hidden one has only the reason.</summary>
    public async Task<Paged<Comment>> CommentsAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken) =>
        await client.GetOrNullAsync<Paged<Comment>>(GatewayApis.Get(GatewayApis.WithQuery($"{Base}/{id}/comments",
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize)))), cancellationToken) ?? Paged<Comment>.Empty(pageSize);

    /// <summary>Comments as the signed-in resident: the comment, or the problem (400 naming text).</summary>
    public Task<(Comment? Answer, ApiProblem? Problem)> CommentAsync(Guid id, string text, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Comment>(HttpMethod.Post, $"{Base}/{id}/comments", new { text }, cancellationToken);

    /// <summary>Reports a comment, once: the comment, or the problem (400 naming reason, 409 reported already).</summary>
    public Task<(Comment? Answer, ApiProblem? Problem)> ReportCommentAsync(Guid id, Guid commentId, string reason, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Comment>(HttpMethod.Post, $"{Base}/{id}/comments/{commentId}/reports", new { reason }, cancellationToken);

    /// <summary>Staff hide a comment: the comment (its reason shows instead of its text), or the problem (400 naming reason).</summary>
    public Task<(Comment? Answer, ApiProblem? Problem)> HideCommentAsync(Guid id, Guid commentId, string reason, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Comment>(HttpMethod.Post, $"{Base}/{id}/comments/{commentId}/hide", new { reason }, cancellationToken);

    /// <summary>The moderation queue of one wijk (visible comments with reports, most reported first), for its staff.</summary>
    public Task<(Paged<ReportedComment>? Answer, ApiProblem? Problem)> ReportedCommentsAsync(Guid areaId, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<ReportedComment>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/comments/reported",
            ("areaId", areaId.ToString()), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

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

/// <summary>Calendar: the agenda, an activity and its occurrences, registrations, office hours and bookings, my private feed.</summary>
public sealed class CalendarApi(HttpClient client)
{
    private const string Base = "/api/calendar/v1";

    /// <summary>An activity (as the signed-in user when there is one: the wijk's network sees its network's activities).</summary>
    public Task<Activity?> ActivityAsync(Guid id, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<Activity>(GatewayApis.Get($"{Base}/activities/{id}", asUser: true), cancellationToken);

    /// <summary>One occurrence by its original local start (2026-12-08T10:00); a moved one is found within a month of it.</summary>
    public async Task<Occurrence?> OccurrenceAsync(Guid activityId, string occurrenceStart, DateOnly date, CancellationToken cancellationToken)
    {
        var page = await client.GetOrNullAsync<Paged<Occurrence>>(GatewayApis.Get(GatewayApis.WithQuery($"{Base}/activities/{activityId}/occurrences",
            ("from", Day(date.AddDays(-31))), ("to", Day(date.AddDays(31))), ("pageSize", "100")), asUser: true), cancellationToken);
        return page?.Items.FirstOrDefault(o => o.OccurrenceStart == occurrenceStart);
    }

    public Task<(Registration? Answer, ApiProblem? Problem)> RegisterAsync(Guid activityId, string occurrenceStart, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Registration>(HttpMethod.Post, $"{Base}/activities/{activityId}/occurrences/{Uri.EscapeDataString(occurrenceStart)}/registrations", null, cancellationToken);

    public Task<(Registration? Answer, ApiProblem? Problem)> CancelRegistrationAsync(
        Guid activityId, string occurrenceStart, Guid registrationId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Registration>(HttpMethod.Delete,
            $"{Base}/activities/{activityId}/occurrences/{Uri.EscapeDataString(occurrenceStart)}/registrations/{registrationId}", null, cancellationToken);

    /// <summary>My registrations, coming ones first (the first hundred).</summary>
    public Task<(Paged<MyRegistration>? Answer, ApiProblem? Problem)> MyRegistrationsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<MyRegistration>>(HttpMethod.Get, $"{Base}/me/registrations?pageSize=100", null, cancellationToken);

    public Task<OfficeHour?> OfficeHourAsync(Guid id, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<OfficeHour>(GatewayApis.Get($"{Base}/office-hours/{id}"), cancellationToken);

    /// <summary>The slots from one date to another (at most 92 days), available or why not.</summary>
    public async Task<IReadOnlyList<Slot>> SlotsAsync(Guid id, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await client.GetOrNullAsync<SlotList>(GatewayApis.Get(GatewayApis.WithQuery($"{Base}/office-hours/{id}/slots",
            ("from", Day(from)), ("to", Day(to)))), cancellationToken))?.Items ?? [];

    /// <summary>Books a slot: the booking, or the problem (400 naming the field, 409 when the slot was just taken).</summary>
    public Task<(Booking? Answer, ApiProblem? Problem)> BookAsync(BookingRequest booking, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Booking>(HttpMethod.Post, $"{Base}/bookings", booking, cancellationToken);

    public Task<(Booking? Answer, ApiProblem? Problem)> BookingAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Booking>(HttpMethod.Get, $"{Base}/bookings/{id}", null, cancellationToken);

    public Task<(Booking? Answer, ApiProblem? Problem)> CancelBookingAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Booking>(HttpMethod.Post, $"{Base}/bookings/{id}/cancellation", new { }, cancellationToken);

    /// <summary>The booking a confirmation mail's cancel link names (whoever has the link; changes nothing); null for an unknown link.</summary>
    public Task<Booking?> BookingByLinkAsync(string token, CancellationToken cancellationToken) =>
        client.GetOrNullAsync<Booking>(GatewayApis.Get($"{Base}/booking-cancellations/{Uri.EscapeDataString(token)}"), cancellationToken);

    /// <summary>Cancels the booking the link names: the booking, or the problem (404 unknown link, 409 cancelled already or past).</summary>
    public Task<(Booking? Answer, ApiProblem? Problem)> CancelByLinkAsync(string token, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Booking>(HttpMethod.Post, $"{Base}/booking-cancellations/{Uri.EscapeDataString(token)}", null, cancellationToken);

    public Task<(Paged<Booking>? Answer, ApiProblem? Problem)> MyBookingsAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<Booking>>(HttpMethod.Get, $"{Base}/me/bookings?pageSize=100", null, cancellationToken);

    /// <summary>The booking as iCalendar (only its resident may read it, so the web app fetches it with their token).</summary>
    public async Task<byte[]?> BookingIcsAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(GatewayApis.Get($"{Base}/bookings/{id}/booking.ics", asUser: true), cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Makes (or replaces) the address of my private feed; the address is only given now.</summary>
    public Task<(PersonalFeed? Answer, ApiProblem? Problem)> CreateFeedAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PersonalFeed>(HttpMethod.Post, $"{Base}/me/feed", null, cancellationToken);

    public Task<(PersonalFeed? Answer, ApiProblem? Problem)> RevokeFeedAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PersonalFeed>(HttpMethod.Delete, $"{Base}/me/feed", null, cancellationToken);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The wijk's planners (the district workspace): always as the user, so network activities show and nothing is shared from a cache.

    /// <summary>The wijk's agenda from today as its planners see it (network meetings too), office-hour sessions merged in.</summary>
    public Task<(Paged<AgendaItem>? Answer, ApiProblem? Problem)> PlannersAgendaAsync(Guid areaId, int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<AgendaItem>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/agenda",
            ("areaId", areaId.ToString()), ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(Activity? Answer, ApiProblem? Problem)> ScheduleActivityAsync(ActivityPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Activity>(HttpMethod.Post, $"{Base}/activities", plan, cancellationToken);

    /// <summary>The whole series' new state.</summary>
    public Task<(Activity? Answer, ApiProblem? Problem)> ChangeActivityAsync(Guid id, ActivityPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Activity>(HttpMethod.Put, $"{Base}/activities/{id}", plan, cancellationToken);

    /// <summary>The activity's occurrences from a date on, in order.</summary>
    public Task<(Paged<Occurrence>? Answer, ApiProblem? Problem)> OccurrencesAsync(Guid id, DateOnly from, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<Occurrence>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/activities/{id}/occurrences",
            ("from", Day(from)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(Occurrence? Answer, ApiProblem? Problem)> CancelOccurrenceAsync(Guid id, string occurrenceStart, string? reason, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Occurrence>(HttpMethod.Post, $"{Base}/activities/{id}/occurrences/{Uri.EscapeDataString(occurrenceStart)}/cancellation",
            new OccurrenceCancellation(reason), cancellationToken);

    public Task<(Occurrence? Answer, ApiProblem? Problem)> MoveOccurrenceAsync(Guid id, string occurrenceStart, OccurrenceMove move, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Occurrence>(HttpMethod.Put, $"{Base}/activities/{id}/occurrences/{Uri.EscapeDataString(occurrenceStart)}", move, cancellationToken);

    /// <summary>An occurrence's registrations in order of arrival (the first hundred), with the counts.</summary>
    public Task<(OccurrenceRegistrations? Answer, ApiProblem? Problem)> RegistrationsAsync(Guid id, string occurrenceStart, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OccurrenceRegistrations>(HttpMethod.Get,
            $"{Base}/activities/{id}/occurrences/{Uri.EscapeDataString(occurrenceStart)}/registrations?pageSize=100", null, cancellationToken);

    /// <summary>Checks in the registration with this code: it, or the problem (400 code: no such code; 409 waiting or already in).</summary>
    public Task<(Registration? Answer, ApiProblem? Problem)> CheckInAsync(Guid id, string occurrenceStart, string code, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Registration>(HttpMethod.Post, $"{Base}/activities/{id}/occurrences/{Uri.EscapeDataString(occurrenceStart)}/check-ins",
            new { code }, cancellationToken);

    /// <summary>The wijk's office hours (the first hundred).</summary>
    public Task<(Paged<OfficeHour>? Answer, ApiProblem? Problem)> OfficeHoursAsync(Guid areaId, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<OfficeHour>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/office-hours",
            ("areaId", areaId.ToString()), ("pageSize", "100")), null, cancellationToken);

    /// <summary>The coming bookings (not cancelled) of the wijk's office hours, or of one, by start.</summary>
    public Task<(Paged<Booking>? Answer, ApiProblem? Problem)> WijkBookingsAsync(Guid areaId, Guid? officeHourId, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<Booking>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/bookings",
            ("areaId", areaId.ToString()), ("officeHourId", officeHourId?.ToString()), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(OfficeHour? Answer, ApiProblem? Problem)> ScheduleOfficeHourAsync(OfficeHourPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OfficeHour>(HttpMethod.Post, $"{Base}/office-hours", plan, cancellationToken);

    /// <summary>Changes an office hour (its whole new state); <c>CancelledBookings</c> in the answer names the bookings it cancelled.</summary>
    public Task<(OfficeHour? Answer, ApiProblem? Problem)> ChangeOfficeHourAsync(Guid id, OfficeHourPlan plan, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OfficeHour>(HttpMethod.Put, $"{Base}/office-hours/{id}", plan, cancellationToken);

    /// <summary>Staff cancel a booking with a reason the resident is told (the calendar's <c>BookingCancelled</c> carries it to the mail).</summary>
    public Task<(Booking? Answer, ApiProblem? Problem)> CancelBookingAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Booking>(HttpMethod.Post, $"{Base}/bookings/{id}/cancellation", new OccurrenceCancellation(reason), cancellationToken);

    /// <summary>Cancels the whole activity (every occurrence); the reason shows with each, to participants too.</summary>
    public Task<(Activity? Answer, ApiProblem? Problem)> CancelActivityAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Activity>(HttpMethod.Post, $"{Base}/activities/{id}/cancellation", new OccurrenceCancellation(reason), cancellationToken);

    /// <summary>Blocks a date of the office hour (the host is away: no slots), or frees it again.</summary>
    public Task<(OfficeHour? Answer, ApiProblem? Problem)> BlockDateAsync(Guid id, string date, bool blocked, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<OfficeHour>(blocked ? HttpMethod.Put : HttpMethod.Delete,
            $"{Base}/office-hours/{id}/blocked-dates/{Uri.EscapeDataString(date)}", null, cancellationToken);

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

    /// <summary>
    /// The signed-in resident's person record and their consents (newest first); (null, []) when the
    /// network has no person with their account (contacts' people/me answers 404).
    /// </summary>
    public async Task<(MyPerson? Person, IReadOnlyList<MyConsent> Consents, ApiProblem? Problem)> MyConsentsAsync(CancellationToken cancellationToken)
    {
        var (person, problem) = await client.SendAsUserAsync<MyPerson>(HttpMethod.Get, "/api/contacts/v1/people/me", null, cancellationToken);
        if (person is null)
        {
            return (null, [], problem?.Status == StatusCodes.Status404NotFound ? null : problem);
        }
        var (history, refused) = await client.SendAsUserAsync<List<ConsentRecord>>(HttpMethod.Get, $"/api/contacts/v1/people/{person.Id}/consents", null, cancellationToken);
        return (person, history is null ? [] : MyConsent.From(history), refused);
    }

    /// <summary>Withdraws one of the person's consents as themselves: null, or the problem (409 withdrawn already).</summary>
    public async Task<ApiProblem?> WithdrawConsentAsync(Guid personId, Guid consentId, CancellationToken cancellationToken) =>
        (await client.SendAsUserAsync<ConsentRecord>(HttpMethod.Post, $"/api/contacts/v1/people/{personId}/consents/{consentId}/withdrawals", null, cancellationToken)).Problem;
}

internal static class Json
{
    /// <summary>The APIs' conventions (camelCase; enums stay strings here).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);
}

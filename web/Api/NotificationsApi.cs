namespace Buurt.Web.Api;

/// <summary>Notifications, as the signed-in person: their in-app inbox and how each kind of message reaches them.</summary>
public sealed class NotificationsApi(HttpClient client)
{
    private const string Base = "/api/notifications/v1";

    /// <summary>The inbox, newest first.</summary>
    public Task<(Paged<InboxItem>? Answer, ApiProblem? Problem)> InboxAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<Paged<InboxItem>>(HttpMethod.Get, GatewayApis.WithQuery($"{Base}/notifications",
            ("page", GatewayApis.Text(page)), ("pageSize", GatewayApis.Text(pageSize))), null, cancellationToken);

    public Task<(UnreadCount? Answer, ApiProblem? Problem)> UnreadAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<UnreadCount>(HttpMethod.Get, $"{Base}/notifications/unread-count", null, cancellationToken);

    /// <summary>Marks one read (404: not the person's).</summary>
    public Task<(object? Answer, ApiProblem? Problem)> MarkReadAsync(Guid id, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<object>(HttpMethod.Post, $"{Base}/notifications/{id}/read", null, cancellationToken);

    /// <summary>Marks every unread one read: how many that were.</summary>
    public Task<(MarkedRead? Answer, ApiProblem? Problem)> MarkAllReadAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<MarkedRead>(HttpMethod.Post, $"{Base}/notifications/read", null, cancellationToken);

    /// <summary>Every kind the person can hear of, with its choice per channel (SMS only where it is there for them).</summary>
    public Task<(PreferenceList? Answer, ApiProblem? Problem)> PreferencesAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PreferenceList>(HttpMethod.Get, $"{Base}/preferences", null, cancellationToken);

    /// <summary>One kind's choices in one call (all or nothing); a channel left null stays as it is.</summary>
    public Task<(PreferenceList? Answer, ApiProblem? Problem)> ChooseAsync(string kind, PreferenceChoice choice, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<PreferenceList>(HttpMethod.Put, $"{Base}/preferences/{Uri.EscapeDataString(kind)}", choice, cancellationToken);
}

/// <summary>Identity, as the signed-in person: their own account.</summary>
public sealed class MyAccountApi(HttpClient client)
{
    public Task<(MyAccount? Answer, ApiProblem? Problem)> GetAsync(CancellationToken cancellationToken) =>
        client.SendAsUserAsync<MyAccount>(HttpMethod.Get, "/api/identity/v1/me", null, cancellationToken);

    /// <summary>Sets the phone number for text messages ("" removes it); a 400 names phoneNumber.</summary>
    public Task<(MyAccount? Answer, ApiProblem? Problem)> SetPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken) =>
        client.SendAsUserAsync<MyAccount>(HttpMethod.Patch, "/api/identity/v1/me", new { phoneNumber }, cancellationToken);
}

/// <summary>A notification in the inbox; <c>Link</c> is a path on the municipality's site.</summary>
public sealed record InboxItem(Guid Id, string Kind, string Title, string Body, string? Link, Guid? SubjectId, DateTimeOffset OccurredAt, DateTimeOffset? ReadAt);

public sealed record UnreadCount(int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>The kinds, and whether the municipality sends text messages at all (the "sms" channel shows only once notifications has the number too).</summary>
public sealed record PreferenceList(IReadOnlyList<KindPreference> Items, bool SmsOffered);

/// <summary>A kind and its choice per channel ("email", "in-app", "push", "sms": "immediately", "digest", "off").</summary>
public sealed record KindPreference(string Kind, bool Transactional, IReadOnlyDictionary<string, string> Channels);

public sealed record PreferenceChoice(string? Email, string? InApp, string? Push, string? Sms);

/// <summary>The account as identity's <c>/me</c> gives it; <c>PhoneNumber</c> in E.164 or null.</summary>
public sealed record MyAccount(Guid Id, string DisplayName, string? PhoneNumber);

using Buurt.Contracts.Identity;
using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using MimeKit;

namespace Buurt.Notifications.Tests;

/// <summary>
/// The notifications service on its own database and virtual host, with the real identity service
/// (its demo accounts reach the copy through the replay; its reset and invitation codes arrive as
/// events) and a private smtp4dev that keeps every mail. Tests make accounts of their own (a fresh
/// id and address each), so they never count each other's mail.
/// </summary>
public class NotificationsService() : ServiceFixture<NotificationsDbContext>("notifications", withIdentity: true)
{
    public TestMailServer Mail { get; private set; } = null!;

    /// <summary>The largest mail the fixture's smtp4dev takes (null: no limit).</summary>
    protected virtual int? MaxMessageSize => null;

    public override async ValueTask InitializeAsync()
    {
        Mail = await TestMailServer.StartAsync(MaxMessageSize);
        await base.InitializeAsync();
        await BusReadiness.ConnectedAsync(Factory.Services);
        await Eventually.TrueAsync(async () => await RecipientAsync(Demo.Hilversum, r => r.Email == Demo.Resident) is not null,
            what: "identity's demo accounts to be replayed into the copy");
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:PollInterval"] = "00:00:00.100";
        settings["Notifications:MinBackoff"] = "00:00:00.100";
        settings["Notifications:MaxOutagePause"] = "00:00:00.500";
        settings["Notifications:MetricsInterval"] = "00:00:00.300";
        settings["Notifications:Links"] = "http://{host}:8080/";
        settings["Notifications:Senders:voorbeeldstad"] = "buurt@voorbeeldstad.example";
        settings["Push:PublicKey"] = FakePushService.Vapid.PublicKey;
        settings["Push:PrivateKey"] = FakePushService.Vapid.PrivateKey;
        // The fake push service listens here; production allows only the browsers' services.
        settings["Push:AllowedHosts:0"] = "127.0.0.1";
        settings["Push:AllowedHosts:1"] = "push.example";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new account as identity would publish it, waited for until the copy has it.</summary>
    public async Task<Account> NewAccountAsync(string language = "nl", string role = "resident", Guid? wijk = null, string tenant = Demo.Hilversum, bool selfRegistered = false,
        string? phoneNumber = null)
    {
        var id = Guid.CreateVersion7();
        var email = $"{role}.{id:N}@test.example";
        var name = role == "resident" ? "Sanne Test" : "Marieke Test";
        await PublishAsync(new AccountRegistered(tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, id, email, name, language,
            [role], [wijk ?? Guid.CreateVersion7()], selfRegistered) { PhoneNumber = phoneNumber });
        await Eventually.TrueAsync(async () => await RecipientAsync(tenant, r => r.AccountId == id) is not null, what: $"account {email} in the copy");
        return new Account(id, email, name, tenant);
    }

    /// <summary>A resident registered through identity (the real way: identity publishes the account), signed in.</summary>
    public async Task<(Account Account, HttpClient Client)> NewSignedInResidentAsync(string language = "nl")
    {
        var identity = Identity!;
        var email = $"bewoner.{Guid.NewGuid():N}@test.example";
        const string password = "Bewoner-2026!";
        var registered = await identity.Client(Demo.Hilversum).PostAsJsonAsync("/api/identity/v1/registrations",
            new { email, password, displayName = "Bewoner Test", postcode = "1216 AB", language }).OkAsync();
        var account = new Account(registered.GetProperty("id").GetGuid(), email, "Bewoner Test", Demo.Hilversum);
        await Eventually.TrueAsync(async () => await RecipientAsync(Demo.Hilversum, r => r.AccountId == account.Id) is not null, what: $"account {email} in the copy");
        var client = Client(Demo.Hilversum);
        client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await identity.TokenAsync(Demo.Hilversum, email, password));
        return (account, client);
    }

    public Task<Recipient?> RecipientAsync(string tenant, System.Linq.Expressions.Expression<Func<Recipient, bool>> match) =>
        InScopeAsync(tenant, s => s.GetRequiredService<NotificationsDbContext>().Recipients.AsNoTracking().FirstOrDefaultAsync(match));

    /// <summary>The in-app notifications of an account, newest first.</summary>
    public Task<List<Notification>> NotificationsOfAsync(Account account) =>
        InScopeAsync(account.Tenant, s => s.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.AccountId == account.Id).OrderByDescending(n => n.OccurredAt).ToListAsync());

    /// <summary>The queued mails of an account, in queue order.</summary>
    public Task<List<OutgoingMail>> MailsOfAsync(Account account) =>
        InScopeAsync(account.Tenant, s => s.GetRequiredService<NotificationsDbContext>().Mails.AsNoTracking()
            .Where(m => m.AccountId == account.Id).OrderBy(m => m.Sequence).ToListAsync());

    /// <summary>Waits for <paramref name="count"/> mails to an address in smtp4dev.</summary>
    public Task<IReadOnlyList<MimeMessage>> MailsToAsync(string address, int count = 1, TimeSpan? timeout = null) =>
        Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), count, timeout, $"{count} mail(s) to {address}");
}

/// <summary>An account the test made.</summary>
public sealed record Account(Guid Id, string Email, string Name, string Tenant);

/// <summary>One notifications service (and identity, and smtp4dev) for the tests of kinds, preferences and the inbox.</summary>
[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsService>
{
    public const string Name = "notifications";
}

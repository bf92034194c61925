using Buurt.Notifications.Domain;
using Buurt.Testing;

namespace Buurt.Notifications.Tests;

/// <summary>The notifications service with a played Dapr sidecar at <c>Dapr:GrpcEndpoint</c>, started before it and stopped after it.</summary>
public abstract class SidecarNotificationsService : NotificationsService
{
    public FakeDaprSidecar Sidecar { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Sidecar = await FakeDaprSidecar.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Dapr:GrpcEndpoint"] = Sidecar.GrpcEndpoint;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sidecar.DisposeAsync();
    }
}

/// <summary>
/// The notifications service with Voorbeeldstad's mail going through a Dapr output binding
/// ("Notifications:MailBindings:voorbeeldstad") to a played sidecar; Hilversum's still over SMTP.
/// </summary>
public sealed class DaprNotificationsService : SidecarNotificationsService
{
    public const string Binding = "buurt-mail";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Notifications:MailBindings:voorbeeldstad"] = Binding;
    }
}

/// <summary>
/// Where a municipality runs Dapr its mail goes through the binding (DaprClient's real call, read
/// by the played sidecar with Dapr's protobuf types), once per event and person, and waits while
/// the sidecar is down; other municipalities' mail still goes over SMTP.
/// </summary>
public sealed class DaprBindingTests(DaprNotificationsService service) : IClassFixture<DaprNotificationsService>
{
    [Fact]
    public async Task A_municipality_with_a_binding_mails_through_it_once_and_others_still_over_smtp()
    {
        var resident = await service.NewAccountAsync("en", tenant: Demo.Voorbeeldstad);
        var hilversummer = await service.NewAccountAsync();
        var moved = Events.Moved(Guid.CreateVersion7(), resident.Id) with { TenantId = Demo.Voorbeeldstad };

        await service.PublishAsync(moved);
        await service.PublishAsync(moved); // a second copy of the event (another message id)

        var call = await Eventually.ValueAsync(() => Task.FromResult(service.Sidecar.Received.Where(c => c.Metadata.GetValueOrDefault("emailTo") == resident.Email).ToList()),
            until: c => c.Count > 0, what: "the binding called for the resident");
        var (name, operation, metadata, data) = Assert.Single(call);
        Assert.Equal((DaprNotificationsService.Binding, "create"), (name, operation));
        Assert.Equal("buurt@voorbeeldstad.example", metadata["emailFrom"]);
        Assert.Equal("Your initiative 'Bankje bij de speeltuin' is now: internal check", metadata["subject"]);
        Assert.StartsWith("<!DOCTYPE html>", data, StringComparison.Ordinal);
        Assert.Contains("4 December 2026", data, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await service.MailsOfAsync(resident)).Single().SentAt is not null, what: "the mail marked sent");

        // Hilversum names no binding: its mail goes over SMTP, and the sender has by then passed the duplicate.
        await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), hilversummer.Id));
        Assert.Single(await service.MailsToAsync(hilversummer.Email));
        Assert.Single(service.Sidecar.Received, c => c.Metadata.GetValueOrDefault("emailTo") == resident.Email);
        Assert.DoesNotContain(service.Sidecar.Received, c => c.Metadata.GetValueOrDefault("emailTo") == hilversummer.Email);
        Assert.Empty(await service.Mail.MessagesToAsync(resident.Email));
    }

    [Fact]
    public async Task With_the_sidecar_down_the_mail_waits_spending_no_try_and_goes_out_once_when_it_is_back()
    {
        var resident = await service.NewAccountAsync(tenant: Demo.Voorbeeldstad);
        await service.Sidecar.StopAsync();
        try
        {
            await service.PublishAsync(Events.Moved(Guid.CreateVersion7(), resident.Id) with { TenantId = Demo.Voorbeeldstad });
            var waiting = await Eventually.ValueAsync(async () => (await service.MailsOfAsync(resident)).SingleOrDefault(),
                until: m => m is { LastError: not null }, what: "the mail tried while the sidecar is down");
            Assert.Null(waiting!.SentAt);
            Assert.Equal(0, waiting.Attempts);
            Assert.Contains("Dapr binding", waiting.LastError, StringComparison.Ordinal);
        }
        finally
        {
            await service.Sidecar.StartAgainAsync();
        }

        await Eventually.TrueAsync(async () => (await service.MailsOfAsync(resident)).Single().SentAt is not null, what: "the mail sent once the sidecar is back");
        Assert.Single(service.Sidecar.Received, c => c.Metadata.GetValueOrDefault("emailTo") == resident.Email);
        Assert.Equal(NotificationKind.InitiativeMoved, (await service.MailsOfAsync(resident)).Single().Kind);
    }
}

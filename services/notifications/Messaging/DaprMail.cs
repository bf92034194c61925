using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.Messaging;

/// <summary>
/// A municipality that runs Dapr may have its mail go through a Dapr output binding instead of SMTP
/// (<c>Notifications:MailBindings:&lt;slug&gt;</c> names the binding component, for instance a
/// <c>bindings.smtp</c> or <c>bindings.twilio.sendgrid</c>): the binding's <c>create</c> with the HTML
/// part as its data and <c>emailFrom</c>, <c>emailTo</c>, <c>subject</c> as metadata. What such a
/// binding cannot carry: the plain-text part, the <c>List-Unsubscribe</c> headers (the footer's link
/// stays) and the .ics attachment. DaprClient talks gRPC to the sidecar (<c>Dapr:GrpcEndpoint</c>, else
/// the SDK's default from <c>DAPR_GRPC_ENDPOINT</c>/<c>DAPR_GRPC_PORT</c>, which the Dapr injector sets).
/// </summary>
public sealed class DaprMail(DaprClient dapr)
{
    public const string Operation = "create";

    public Task SendAsync(string binding, OutgoingMail mail, CancellationToken cancellationToken) =>
        InvokeAsync(new BindingRequest(binding, Operation)
        {
            Data = System.Text.Encoding.UTF8.GetBytes(mail.HtmlBody),
            Metadata =
            {
                ["emailFrom"] = mail.FromAddress,
                ["emailTo"] = mail.To,
                ["subject"] = mail.Subject,
            },
        }, cancellationToken);

    /// <summary>
    /// A text message through an SMS binding (Twilio's <c>bindings.twilio.sms</c> shape): <c>create</c>
    /// with the text as data and the number as <c>toNumber</c>, which overrides the component's own;
    /// the sender's number (<c>fromNumber</c>) is the component's.
    /// </summary>
    public Task SendTextAsync(string binding, OutgoingMail text, CancellationToken cancellationToken) =>
        InvokeAsync(new BindingRequest(binding, Operation)
        {
            Data = System.Text.Encoding.UTF8.GetBytes(text.TextBody),
            Metadata = { ["toNumber"] = text.To },
        }, cancellationToken);

    private async Task InvokeAsync(BindingRequest request, CancellationToken cancellationToken)
    {
        var binding = request.BindingName;
        try
        {
            await dapr.InvokeBindingAsync(request, cancellationToken);
        }
        catch (Exception e) when (StatusOf(e) is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Unauthenticated
            || e is HttpRequestException or IOException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No sidecar (not up yet, restarting) or not ours to use: the mail waits, like SMTP down.
            throw new MailServerUnreachableException($"Dapr binding {binding}: {e.Message}", e);
        }
        catch (Exception e) when (StatusOf(e) is not null)
        {
            // The sidecar answered: the binding (or what is behind it) failed this mail; it backs off and may be replayed.
            throw new MailRefusedException($"Dapr binding {binding}: {StatusOf(e)} {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static StatusCode? StatusOf(Exception e) =>
        e switch
        {
            RpcException rpc => rpc.StatusCode,
            DaprException { InnerException: RpcException inner } => inner.StatusCode,
            _ => null,
        };
}

/// <summary>
/// The sender's way out, per mail: the municipality's Dapr binding if configuration names one
/// (<see cref="NotificationOptions.MailBindings"/>), else the SMTP connection; a text message its SMS
/// binding (<see cref="NotificationOptions.SmsBindings"/>). A mail is handed to one
/// of them inside the sender's transaction either way, so the delivery keys and the once-per-mail
/// marking hold alike; a sidecar that is down is an outage like an SMTP server that is (the mail
/// waits, keeps its place, spends no try). Each lane of the sender has its own: the SMS lane never
/// opens the SMTP connection.
/// </summary>
public sealed class MailTransports(SmtpConnections smtp, IServiceScopeFactory scopes) : IMailConnections, IMailConnection, IAsyncDisposable
{
    private readonly Lazy<(DaprMail Dapr, NotificationOptions Options)> _dapr = new(() =>
    {
        using var scope = scopes.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<DaprMail>(), scope.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value);
    });

    /// <summary>Connects lazily: which way a mail goes is known only when it is sent.</summary>
    public Task<IMailConnection> GetAsync(CancellationToken cancellationToken) => Task.FromResult<IMailConnection>(this);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (mail.Channel == Channel.Sms)
        {
            // A municipality that stopped naming its SMS binding: the text cannot go; it is dead-lettered in time, replayable.
            await _dapr.Value.Dapr.SendTextAsync(_dapr.Value.Options.SmsBindingOf(mail.TenantId)
                ?? throw new MailRefusedException($"No SMS binding for {mail.TenantId} (Notifications:SmsBindings)."), mail, cancellationToken);
            return;
        }
        if (_dapr.Value.Options.MailBindings.GetValueOrDefault(mail.TenantId) is { Length: > 0 } binding)
        {
            await _dapr.Value.Dapr.SendAsync(binding, mail, cancellationToken);
            return;
        }
        await (await smtp.GetAsync(cancellationToken)).SendAsync(mail, cancellationToken);
    }

    public Task ResetAsync() => smtp.ResetAsync();

    public ValueTask DisposeAsync() => smtp.DisposeAsync();
}

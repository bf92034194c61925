using System.Net;
using System.Text.Json;
using Buurt.Notifications.Domain;
using Buurt.Notifications.UseCases;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace Buurt.Notifications.Messaging;

/// <summary>Lib.Net.Http.WebPush: encrypts (aes128gcm, RFC 8291) and signs (VAPID, RFC 8292) each message.</summary>
internal sealed class WebPushClient : IPushClient, IDisposable
{
    private readonly PushServiceClient _client;
    private readonly VapidAuthentication _vapid;
    private readonly int _timeToLive;

    public WebPushClient(HttpClient http, IOptions<PushOptions> options)
    {
        var push = options.Value;
        _vapid = new VapidAuthentication(push.PublicKey!, push.PrivateKey!) { Subject = push.Subject };
        _timeToLive = (int)push.TimeToLive.TotalSeconds;
        _client = new PushServiceClient(http) { DefaultAuthentication = _vapid, AutoRetryAfter = false };
    }

    public async Task SendAsync(Domain.PushSubscription subscription, OutgoingPush push, CancellationToken cancellationToken)
    {
        var to = new WebPushSubscription { Endpoint = subscription.Endpoint };
        to.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        to.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        // What the web app's service worker shows (showNotification): title, body, and where a tap leads.
        var content = JsonSerializer.Serialize(new { title = push.Title, body = push.Body, url = push.Link, kind = push.Kind.ApiName() });
        try
        {
            await _client.RequestPushMessageDeliveryAsync(to, new PushMessage(content) { TimeToLive = _timeToLive, Urgency = PushMessageUrgency.Normal },
                cancellationToken);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new PushSubscriptionGoneException($"{(int)e.StatusCode}: {e.Message}", e);
        }
    }

    public void Dispose() => _vapid.Dispose();
}

/// <summary>Sends the push queue in the background (<see cref="PushDelivery"/>), polling when it is empty.</summary>
internal sealed partial class PushSender(
    IServiceScopeFactory scopes, IPushClient client, IOptions<NotificationOptions> options, TimeProvider time, ILogger<PushSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<PushDelivery>().SendNextAsync(client, stoppingToken))
                {
                    failures = 0;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                LogRoundFailed(logger, e);
            }
            var pause = failures == 0 ? options.Value.PollInterval : ServiceDefaults.Domain.Backoff.Doubling(failures, options.Value.MinBackoff, options.Value.MaxOutagePause);
            await Task.Delay(pause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the push sender failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

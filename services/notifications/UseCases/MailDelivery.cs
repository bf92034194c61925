using Buurt.Notifications.Data;
using Buurt.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Buurt.Notifications.UseCases;

/// <summary>What became of one round of the sender.</summary>
public enum SendOutcome
{
    /// <summary>No mail was due.</summary>
    Idle,

    Sent,

    /// <summary>The server refused the mail: it waits its back-off (or was dead-lettered).</summary>
    Refused,

    /// <summary>The server could not be reached: the mail keeps its place; the sender backs off.</summary>
    Unreachable,
}

/// <summary>An open connection to the mail server, reused from one mail to the next.</summary>
public interface IMailConnection
{
    /// <summary>Hands the mail to the server; <see cref="MailRefusedException"/> when it says no to this mail.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Connections to the mail server; <see cref="MailServerUnreachableException"/> when there is none.</summary>
public interface IMailConnections
{
    Task<IMailConnection> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection (after a failure, or when idle).</summary>
    Task ResetAsync();
}

/// <summary>The server is down, refuses connections or our credentials: nothing about the mail itself.</summary>
public sealed class MailServerUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server refused this mail (its recipient, sender, size or content).</summary>
public sealed class MailRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends one lane of the mail queue (<see cref="MailQueue.Lanes"/>: e-mail, text messages) a batch
/// per transaction: up to <c>Notifications:MailBatchSize</c> of the lane's oldest due rows are claimed
/// with <c>FOR UPDATE SKIP LOCKED</c> (replicas never take the same one), handed to the way out one
/// after the other over the lane's open connection, and marked in that one transaction. The way out
/// being unreachable stops the batch: the row it failed on and those behind it keep their places,
/// those it took are marked sent; the other lane is not affected. A crash between the server's
/// "accepted" and the commit sends the batch's accepted rows again (at most a batch), never more.
/// </summary>
public sealed class MailDelivery(NotificationsDbContext db, IOptions<NotificationOptions> options, NotificationMetrics metrics, TimeProvider time)
{
    public async Task<SendOutcome> SendNextAsync(Channel lane, IMailConnections connections, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var mails = await db.ClaimDueAsync(lane, now, Math.Max(1, options.Value.MailBatchSize), cancellationToken);
        if (mails.Count == 0)
        {
            return SendOutcome.Idle;
        }
        var outcome = SendOutcome.Refused;
        // A text goes to the account's number now: it may have changed or gone since the text was queued.
        var numbers = lane == Channel.Sms ? await db.CurrentNumbersAsync(mails, cancellationToken) : null;
        foreach (var mail in mails)
        {
            if (numbers is not null && !mail.AddressTo(numbers.GetValueOrDefault(mail.AccountId), now))
            {
                metrics.Failed(lane, "no-number");
                continue;
            }
            try
            {
                var connection = await connections.GetAsync(cancellationToken);
                await connection.SendAsync(mail, cancellationToken);
                mail.MarkSent(time.GetUtcNow());
                metrics.Sent(lane);
                outcome = SendOutcome.Sent;
            }
            catch (MailServerUnreachableException e)
            {
                mail.RecordOutage(e.Message);
                metrics.Failed(lane, "unreachable");
                await connections.ResetAsync();
                outcome = SendOutcome.Unreachable;
                break;
            }
            catch (MailRefusedException e)
            {
                mail.RecordRefusal(e.Message, now, options.Value.Retry);
                metrics.Failed(lane, "refused");
            }
        }
        // Not cancelled by a stop: what the server took is marked, or it would go out twice.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return outcome;
    }
}

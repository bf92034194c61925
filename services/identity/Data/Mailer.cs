using System.Collections.Concurrent;

namespace Buurt.Identity.Data;

/// <summary>An e-mail the platform sends a person (invitations, password resets).</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string? Token);

public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public static class MailerSetup
{
    /// <summary>No mail delivery yet: every mail goes to the <see cref="LogMailer"/>.</summary>
    public static void AddMailer(this IServiceCollection services)
    {
        services.AddSingleton<LogMailer>();
        services.AddSingleton<IMailer>(sp => sp.GetRequiredService<LogMailer>());
    }
}

/// <summary>
/// Until a municipality configures its mail delivery: writes the mail to the log and keeps the
/// latest in memory, where local scripts and tests read them. Never the production sender.
/// </summary>
public sealed partial class LogMailer(ILogger<LogMailer> logger) : IMailer
{
    private readonly ConcurrentQueue<OutgoingMail> _recent = new();

    public IReadOnlyCollection<OutgoingMail> Recent => _recent;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        _recent.Enqueue(mail);
        while (_recent.Count > 100 && _recent.TryDequeue(out _))
        {
        }
        LogMail(logger, mail.To, mail.Subject);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to {To}: {Subject} (not delivered: no mail delivery configured)")]
    private static partial void LogMail(ILogger logger, string to, string subject);
}

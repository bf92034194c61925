using System.Diagnostics;
using System.Globalization;
using Buurt.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Buurt.Benchmarks;

/// <summary>
/// Issue 18's mail rate: an update on an initiative followed by 5,000 residents, its 5,000 mails
/// delivered over SMTP. Side by side in one run, rounds alternating, each service with its own
/// database, virtual host and the same followers: the sender as it was (<c>Notifications:MailBatchSize</c>
/// 1: a mail per transaction) and as it is (a batch per transaction), each against two servers:
/// a private smtp4dev (the local server of <c>./platform up</c>; private so the shared one's readers
/// are not flooded) and a sink that takes every mail and keeps nothing (the server never the
/// limit: the sender's own rate). Each round also measures smtp4dev's ceiling: a bare MailKit
/// client sending 1,000 mails of the same size over one connection, no database. Reported:
/// mails per second from the first mail queued to the last marked sent.
/// <c>dotnet run -c Release --project tests/Benchmarks -- notifications-mail [followers] [rounds] [batch]</c>.
/// </summary>
public static class NotificationMailRate
{
    public static async Task<int> RunAsync(string[] args)
    {
        var followers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        Measurements.UseContentRoot("Buurt.Notifications", Path.Combine("services", "notifications"));
        await using var mail = await TestMailServer.StartAsync();
        await using var sink = new SmtpSink();
        var initiative = Guid.CreateVersion7();
        Dictionary<string, string?> Sending(int port, int batchSize) => new()
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:MailBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Notifications:PollInterval"] = "00:00:00.100",
        };
        await using var sinkSingle = await NotificationsBenchService.StartAsync("bench_mail_sink1", Sending(sink.Port, 1), initiative, followers);
        await using var sinkBatch = await NotificationsBenchService.StartAsync("bench_mail_sinkn", Sending(sink.Port, batch), initiative, followers);
        await using var smtpSingle = await NotificationsBenchService.StartAsync("bench_mail_smtp1", Sending(mail.SmtpPort, 1), initiative, followers);
        await using var smtpBatch = await NotificationsBenchService.StartAsync("bench_mail_smtpn", Sending(mail.SmtpPort, batch), initiative, followers);
        var senders = new (string Name, NotificationsBenchService Service, Func<Task<int>> Received)[]
        {
            ("sink, a mail per transaction", sinkSingle, () => Task.FromResult(sink.Received)),
            ($"sink, {batch} per transaction", sinkBatch, () => Task.FromResult(sink.Received)),
            ("smtp4dev, a mail per transaction", smtpSingle, mail.CountAsync),
            ($"smtp4dev, {batch} per transaction", smtpBatch, mail.CountAsync),
        };

        var rates = senders.ToDictionary(s => s.Name, _ => new List<double>());
        rates["smtp4dev's ceiling (MailKit, no database)"] = [];
        var failed = false;
        // Round 0 warms up (JIT, pools, PostgreSQL's caches) against the sink only, and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, service, received) in round == 0 ? senders[..2] : senders)
            {
                await mail.ClearAsync();
                var before = await received();
                var (rate, sent) = await DeliverAsync(service, initiative, followers);
                var got = await Eventually.ValueAsync(async () => await received() - before, n => n >= followers, TimeSpan.FromSeconds(30), "the server to count every mail");
                failed |= sent != followers || got != followers;
                Report(round, name, $"{got} of {followers} received, {rate:0} mails/s");
                if (round > 0)
                {
                    rates[name].Add(rate);
                }
            }
            if (round > 0)
            {
                await mail.ClearAsync();
                var ceiling = await CeilingAsync(mail.SmtpPort, followers);
                Report(round, "smtp4dev's ceiling", $"{ceiling:0} mails/s");
                rates["smtp4dev's ceiling (MailKit, no database)"].Add(ceiling);
            }
        }
        foreach (var (name, list) in rates)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {Measurements.Percentile(list, 50):0} mails/s, lowest {list[0]:0}, highest {list[^1]:0}"));
        }
        double Median(int i) => Measurements.Percentile(rates[senders[i].Name], 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch / single (median): sink {Median(1) / Median(0):0.0}x, smtp4dev {Median(3) / Median(2):0.0}x; load average {Measurements.LoadAverage()}"));
        var goal = rates[senders[3].Name][0] >= 200;
        Console.WriteLine(goal ? "goal met: every batched round delivered at least 200 mails/s to smtp4dev" : "goal missed: a batched round delivered fewer than 200 mails/s to smtp4dev");
        return failed || !goal ? 1 : 0;
    }

    private static void Report(int round, string name, string what) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round} {name}: {what}; load {Measurements.LoadAverage()}"));

    /// <summary>Publishes an update and waits until each of its mails is marked sent: mails/s from the first queued to the last sent, and how many were sent.</summary>
    private static async Task<(double Rate, int Sent)> DeliverAsync(NotificationsBenchService service, Guid initiative, int followers)
    {
        var update = await service.PublishUpdateAsync(initiative);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5) && sent < followers)
        {
            await Task.Delay(50);
            sent = await service.InTenantAsync(db => db.Mails.CountAsync(m => m.EventId == update.EventId && m.SentAt != null));
        }
        var (queued, done) = await service.InTenantAsync(async db =>
        {
            var mails = db.Mails.Where(m => m.EventId == update.EventId);
            return (await mails.MinAsync(m => m.CreatedAt), await mails.MaxAsync(m => m.SentAt) ?? DateTimeOffset.MaxValue);
        });
        return (sent / (done - queued).TotalSeconds, sent);
    }

    /// <summary>The most smtp4dev takes right now: mails of the update's size sent back to back over one connection, nothing else done.</summary>
    private static async Task<double> CeilingAsync(int port, int count)
    {
        var text = string.Concat(Enumerable.Repeat("De gemeente levert de grond in maart. ", 30));
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Buurt", "noreply@buurt.example"));
            message.To.Add(new MailboxAddress($"Volger {i}", $"volger{i}@bench.example"));
            message.Subject = "Nieuws over 'Moestuin'";
            message.Body = new BodyBuilder { TextBody = text, HtmlBody = $"<p>{text}</p>" }.ToMessageBody();
            return message;
        }).ToList();
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        var clock = Stopwatch.StartNew();
        var lap = TimeSpan.Zero;
        for (var i = 0; i < messages.Count; i++)
        {
            await client.SendAsync(messages[i]);
            if ((i + 1) % 1000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ceiling, mails {i - 998}-{i + 1}: {1000 / (clock.Elapsed - lap).TotalSeconds:0} mails/s"));
                lap = clock.Elapsed;
            }
        }
        var rate = count / clock.Elapsed.TotalSeconds;
        await client.DisconnectAsync(true);
        return rate;
    }
}

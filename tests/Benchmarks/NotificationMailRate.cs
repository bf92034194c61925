using System.Diagnostics;
using System.Globalization;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Benchmarks;

/// <summary>
/// Issue 18's mail rate: an update on an initiative followed by 5,000 residents, its 5,000 mails
/// delivered to a real SMTP server (a private smtp4dev, so the shared one's readers are not
/// flooded). Two notifications services side by side in one run, each with its own database and
/// virtual host and the same followers, rounds alternating: one sends a mail per transaction
/// (<c>Notifications:MailBatchSize</c> 1, the sender as it was), the other claims, sends and marks
/// a batch per transaction over its open connection (the default). Reported per round: mails per
/// second from the first mail queued to the last marked sent (the sender's rate), and from the
/// event published to the last sent; and that smtp4dev holds every mail.
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
        var initiative = Guid.CreateVersion7();
        Dictionary<string, string?> Sending(int batchSize) => new()
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Notifications:MailBatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Notifications:PollInterval"] = "00:00:00.100",
        };
        await using var single = await NotificationsBenchService.StartAsync("bench_mail_single", Sending(1), initiative, followers);
        await using var batched = await NotificationsBenchService.StartAsync("bench_mail_batch", Sending(batch), initiative, followers);

        var rates = new Dictionary<string, List<double>> { ["single"] = [], ["batch"] = [] };
        var failed = false;
        // Round 0 warms up (JIT, pools, PostgreSQL's caches, smtp4dev) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, service) in new[] { ("single", single), ("batch", batched) })
            {
                await mail.ClearAsync();
                var (rate, endToEnd, received) = await DeliverAsync(service, mail, initiative, followers);
                failed |= received != followers;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {name}: {received} of {followers} mails received; {rate:0} mails/s from queued to sent, {endToEnd:0} mails/s from the event; load {Measurements.LoadAverage()}"));
                if (round > 0)
                {
                    rates[name].Add(rate);
                }
            }
        }
        foreach (var (name, list) in rates)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: median {Measurements.Percentile(list, 50):0} mails/s, lowest {list[0]:0} over {list.Count} rounds of {followers} mails"));
        }
        var ratio = Measurements.Percentile(rates["batch"], 50) / Measurements.Percentile(rates["single"], 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch / single (median): {ratio:0.0}x; load average {Measurements.LoadAverage()}"));
        var goal = rates["batch"][0] >= 200;
        Console.WriteLine(goal ? "goal met: every batched round delivered at least 200 mails/s" : "goal missed: a batched round delivered fewer than 200 mails/s");
        return failed || !goal ? 1 : 0;
    }

    /// <summary>One update's mails, until every one is marked sent: mails/s from queued to sent and from the event; how many smtp4dev got.</summary>
    private static async Task<(double Rate, double EndToEnd, int Received)> DeliverAsync(NotificationsBenchService service, TestMailServer mail, Guid initiative, int followers)
    {
        var clock = Stopwatch.StartNew();
        var update = await service.PublishUpdateAsync(initiative);
        var sent = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5) && sent < followers)
        {
            await Task.Delay(50);
            sent = await service.InTenantAsync(db => db.Mails.CountAsync(m => m.EventId == update.EventId && m.SentAt != null));
        }
        var endToEnd = followers / clock.Elapsed.TotalSeconds;
        var (queued, done) = await service.InTenantAsync(async db =>
        {
            var mails = db.Mails.Where(m => m.EventId == update.EventId);
            return (await mails.MinAsync(m => m.CreatedAt), await mails.MaxAsync(m => m.SentAt) ?? DateTimeOffset.MaxValue);
        });
        // smtp4dev stores a mail before its "250 OK"; a short wait covers its API catching up.
        var received = 0;
        for (var i = 0; i < 20 && received < followers; i++)
        {
            received = await mail.CountAsync();
            await Task.Delay(received < followers ? 250 : 0);
        }
        return (sent / (done - queued).TotalSeconds, endToEnd, received);
    }
}

using BenchmarkDotNet.Running;

// ./platform bench [--filter *Outbox*]: BenchmarkDotNet, against the test servers ./platform starts.
// ./platform bench reservations [rate] [seconds]: the budget's reservation load test.
// ./platform bench initiatives-queries [tenants] [perTenant] [requests]: list and map latency at scale.
// ./platform bench calendar-agenda [series] [wijken] [requests]: the wijk agenda and its .ics feed at scale.
// ./platform bench calendar-rush [bookers] [registrants] [rounds] [warm-up rounds]: everyone booking one slot, registering for one occurrence.
// ./platform bench calendar-booking-cpu [requests] [rounds] [callers] [CALENDAR_BUILD=folder] [KEY=VALUE...]: the calendar's CPU per booking and per refusal, over HTTP.
// ./platform bench gateway [seconds] [connections] [KEY=VALUE...]: the gateway against nginx in front of the same service (wrk); KEY=VALUE: more gateways beside it.
// ./platform bench gateway-overhead [seconds] [connections] [rounds] [KEY=VALUE...]: the gateway's own CPU per request, part by part, interleaved.
// ./platform bench notifications-fanout [followers] [rounds]: an update to 5,000 followers, binary COPY beside EF.
// ./platform bench notifications-mail [followers] [rounds] [batch]: the 5,000 mails, a mail per transaction beside a batch, to smtp4dev and to a sink.
// ./platform bench notifications-latency [followers] [phaseSeconds] [rounds]: event to in-app notification, 5 and 50 events/s alternating.
// ./platform bench contacts-who [tenants] [assignments] [requests] [callers] [seconds]: "who do I talk to" at scale, also through the gateway.
// ./platform bench web-pages [visitors] [seconds] [warm-up seconds]: the residents' wijk and initiative pages: weight in Chromium, the wijk page under load.
switch (args)
{
    case ["reservations", .. var rest]:
        return await Buurt.Benchmarks.ReservationLoad.RunAsync(rest);
    case ["gateway-overhead", .. var rest]:
        return await Buurt.Benchmarks.GatewayVsNginx.OverheadAsync(rest);
    case ["gateway", .. var rest]:
        return await Buurt.Benchmarks.GatewayVsNginx.RunAsync(rest);
    case ["web-pages", .. var rest]:
        return await Buurt.Benchmarks.WebPageLoad.RunAsync(rest);
    case ["contacts-who", .. var rest]:
        return await Buurt.Benchmarks.ContactsWhoLoad.RunAsync(rest);
    case ["initiatives-queries", .. var rest]:
        await Buurt.Benchmarks.InitiativeQueryLatency.RunAsync(rest);
        return 0;
    case ["notifications-fanout", .. var rest]:
        return await Buurt.Benchmarks.NotificationFanOut.RunAsync(rest);
    case ["notifications-mail", .. var rest]:
        return await Buurt.Benchmarks.NotificationMailRate.RunAsync(rest);
    case ["notifications-latency", .. var rest]:
        return await Buurt.Benchmarks.NotificationLatency.RunAsync(rest);
    case ["calendar-rush", .. var rest]:
        return await Buurt.Benchmarks.CalendarRush.RunAsync(rest);
    case ["calendar-booking-cpu", .. var rest]:
        return await Buurt.Benchmarks.CalendarBookingCpu.RunAsync(rest);
    case ["calendar-agenda", .. var rest]:
        await Buurt.Benchmarks.CalendarAgendaLatency.RunAsync(rest);
        return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Buurt.Benchmarks.OutboxWriteBenchmarks).Assembly).Run(args);
return 0;

using System.Diagnostics.Metrics;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Data;

/// <summary>
/// The business view of the wijk network ("Buurt.Contacts" meter): per tenant, wijk and function how
/// many hold it today (a wijk without its wijkregisseur shows), and per tenant and circle how many
/// consents stand. Counts only, no personal data. Counted by one pass every
/// <c>Contacts:MetricsInterval</c> (30 s), not per scrape.
/// </summary>
public sealed class ContactsMetrics : PeriodicService
{
    public const string Name = "Buurt.Contacts";

    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<(string Tenant, string Wijk, string Function, long Count)> _holders = [];
    private IReadOnlyList<(string Tenant, string Visibility, long Count)> _consents = [];

    public ContactsMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ContactsMetrics> logger)
        : base(time, logger)
    {
        _scopes = scopes;
        Interval = configuration.GetValue("Contacts:MetricsInterval", TimeSpan.FromSeconds(30));
        var meter = meters.Create(Name);
        meter.CreateObservableGauge("buurt.contacts.holders", () => _holders.Select(h =>
            new Measurement<long>(h.Count, new("tenant", h.Tenant), new("wijk", h.Wijk), new("function", h.Function))), "{person}",
            "People holding a function in a wijk today, per tenant, wijk and function.");
        meter.CreateObservableGauge("buurt.contacts.consents", () => _consents.Select(c =>
            new Measurement<long>(c.Count, new("tenant", c.Tenant), new("visibility", c.Visibility))), "{consent}",
            "Consents that stand (given, not withdrawn), per tenant and the circle they allow.");
    }

    protected override TimeSpan Interval { get; }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var today = NetworkCalendar.Today(Time.GetUtcNow());
        var holders = await (
            from held in db.AssignmentAreas.IgnoreQueryFilters()
            where held.From <= today && (held.Until == null || today <= held.Until)
            join area in db.Areas.IgnoreQueryFilters() on held.AreaId equals area.Id into wijk
            from area in wijk.DefaultIfEmpty()
            group held by new { held.TenantId, Wijk = area == null ? "?" : area.Name, held.FunctionKey } into g
            select new { g.Key.TenantId, g.Key.Wijk, g.Key.FunctionKey, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var records = db.ConsentRecords.IgnoreQueryFilters();
        var consents = await records
            .Where(r => r.Kind == ConsentRecordKind.Given && !records.Any(w => w.Kind == ConsentRecordKind.Withdrawn && w.ConsentId == r.Id))
            .GroupBy(r => new { r.TenantId, r.Visibility })
            .Select(g => new { g.Key.TenantId, g.Key.Visibility, Count = g.LongCount() }).ToListAsync(cancellationToken);
        _holders = holders.ConvertAll(h => (h.TenantId, h.Wijk, h.FunctionKey, h.Count));
        _consents = consents.ConvertAll(c => (c.TenantId, c.Visibility is { } v ? ApiNames.Of(v) : "?", c.Count));
    }
}

/// <summary>Registers the network gauges and their background count.</summary>
public static class ContactsMetricsSetup
{
    public static IHostApplicationBuilder AddContactsMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContactsMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ContactsMetrics>());
        return builder;
    }
}

using System.Diagnostics.Metrics;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Background;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.Data;

/// <summary>
/// The business view of the wijk network ("Buurt.Contacts" meter): per tenant, wijk and function how
/// many hold it today (a wijk without its wijkregisseur shows), and per tenant and circle how many
/// consents stand, how many listings are flagged unverified and how many reports are open. Counts only, no personal data. Counted by one pass every
/// <c>Contacts:MetricsInterval</c> (30 s), not per scrape.
/// </summary>
public sealed class ContactsMetrics : PeriodicService
{
    public const string Name = "Buurt.Contacts";

    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<(string Tenant, string Wijk, string Function, long Count)> _holders = [];
    private IReadOnlyList<(string Tenant, string Visibility, long Count)> _consents = [];
    private IReadOnlyList<(string Tenant, long Count)> _unverified = [];
    private IReadOnlyList<(string Tenant, long Count)> _openReports = [];

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
        meter.CreateObservableGauge("buurt.contacts.unverified_listings", () => _unverified.Select(u =>
            new Measurement<long>(u.Count, new KeyValuePair<string, object?>("tenant", u.Tenant))), "{listing}",
            "Listings (organisations, people) nobody confirmed for a year and four weeks: flagged to staff.");
        meter.CreateObservableGauge("buurt.contacts.open_reports", () => _openReports.Select(r =>
            new Measurement<long>(r.Count, new KeyValuePair<string, object?>("tenant", r.Tenant))), "{report}",
            "Residents' reports of outdated listings not yet resolved.");
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
        var flaggedBefore = Verification.FlaggedBefore(Time.GetUtcNow());
        var unverified = (await db.Organisations.IgnoreQueryFilters().Where(o => o.EndedAt == null && o.LastVerifiedAt <= flaggedBefore)
                .GroupBy(o => o.TenantId).Select(g => new { Tenant = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
            .Concat(await db.People.IgnoreQueryFilters().Where(p => p.ErasedAt == null && p.LastVerifiedAt <= flaggedBefore)
                .GroupBy(p => p.TenantId).Select(g => new { Tenant = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
            .GroupBy(u => u.Tenant).Select(g => (g.Key, g.Sum(u => u.Count))).ToList();
        var openReports = await db.ListingReports.IgnoreQueryFilters().Where(r => r.ResolvedAt == null)
            .GroupBy(r => r.TenantId).Select(g => new { Tenant = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        // Every municipality with a network gets a series, 0 included: a panel shows 0, not "no data".
        var tenants = await db.Organisations.IgnoreQueryFilters().Select(o => o.TenantId).Distinct().ToListAsync(cancellationToken);
        _unverified = [.. tenants.Select(t => (t, unverified.FirstOrDefault(u => u.Key == t).Item2))];
        _openReports = [.. tenants.Select(t => (t, openReports.FirstOrDefault(r => r.Tenant == t)?.Count ?? 0))];
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

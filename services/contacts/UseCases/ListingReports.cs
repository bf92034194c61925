using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Contacts.UseCases;

/// <summary>Residents report an outdated listing; staff list the reports and resolve them with a note.</summary>
public sealed class ListingReports(ContactsDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>
    /// A signed-in person reports a listing; while their earlier report of it is open, that one is the
    /// answer (<c>New</c> false) and nothing is added, so repeating the click (or a script) adds nothing.
    /// </summary>
    public async Task<(ListingReport Report, bool New)> FileAsync(ListingKind kind, Guid listingId, string note, Viewer viewer, CancellationToken cancellationToken)
    {
        var name = kind == ListingKind.Organisation
            ? (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == listingId && o.EndedAt == null, cancellationToken))?.Name
            : (await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == listingId && p.ErasedAt == null, cancellationToken))?.Name;
        if (name is null)
        {
            throw RuleException.Invalid(kind == ListingKind.Organisation ? "organisationId" : "personId", $"There is no {ApiNames.Of(kind)} {listingId} in this municipality's network.");
        }
        var report = ListingReport.File(tenant.RequiredTenantId, kind, listingId, name, viewer, note, time.GetUtcNow());
        if (await OpenOfAsync(listingId, report.ReportedBy, cancellationToken) is { } open)
        {
            return (open, false);
        }
        db.ListingReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same report sent twice at once: the other request's report is the answer.
            db.ChangeTracker.Clear();
            return (await OpenOfAsync(listingId, report.ReportedBy, cancellationToken) ?? throw new InvalidOperationException("The open report vanished."), false);
        }
        return (report, true);
    }

    /// <summary>The reports (staff), open ones or resolved ones, oldest open first / newest resolved first.</summary>
    public Task<PagedList<ListingReport>> ListAsync(bool open, PageRequest page, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var reports = db.ListingReports.AsNoTracking();
        reports = open
            ? reports.Where(r => r.ResolvedAt == null).OrderBy(r => r.ReportedAt).ThenBy(r => r.Id)
            : reports.Where(r => r.ResolvedAt != null).OrderByDescending(r => r.ResolvedAt).ThenBy(r => r.Id);
        return reports.ToPageAsync(page, cancellationToken);
    }

    public async Task<ListingReport> ResolveAsync(Guid id, string note, Viewer viewer, CancellationToken cancellationToken)
    {
        viewer.RequireKeeper();
        var report = await db.ListingReports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw RuleException.NotFound($"There is no report {id} in this municipality.");
        report.Resolve(note, viewer, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private Task<ListingReport?> OpenOfAsync(Guid listingId, Guid reporter, CancellationToken cancellationToken) =>
        db.ListingReports.AsNoTracking().FirstOrDefaultAsync(r => r.ListingId == listingId && r.ReportedBy == reporter && r.ResolvedAt == null, cancellationToken);
}

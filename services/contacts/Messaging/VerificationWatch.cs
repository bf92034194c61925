using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.ServiceDefaults.Background;

namespace Buurt.Contacts.Messaging;

/// <summary>
/// Every <c>Contacts:VerificationCheckInterval</c> (an hour): asks the contact of every listing last
/// confirmed a year ago "is this still right?" (<c>ListingVerificationDue</c>, through the outbox).
/// Listings are claimed with FOR UPDATE SKIP LOCKED and marked "asked" in the transaction that holds
/// the outbox row, so replicas share the work and never ask twice; a crash before the commit asks again
/// on the next beat. Its clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class VerificationWatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<VerificationWatch> logger)
    : ClaimingWatch<ContactsDbContext>(scopes, Batch, time, logger, OrganisationsAsync, PeopleAsync)
{
    private const int Batch = 100;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Contacts:VerificationCheckInterval", TimeSpan.FromHours(1));

    private static async Task<int> OrganisationsAsync(ContactsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.ClaimDueOrganisationsAsync(now - Verification.Period, Batch, cancellationToken);
        var emails = await db.EmailsOfAsync([.. due.Select(o => o.Id)], cancellationToken);
        foreach (var organisation in due)
        {
            organisation.RequestVerification(emails.GetValueOrDefault(organisation.Id), now);
        }
        return due.Count;
    }

    private static async Task<int> PeopleAsync(ContactsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.ClaimDuePeopleAsync(now - Verification.Period, Batch, cancellationToken);
        var emails = await db.EmailsOfAsync([.. due.Select(p => p.Id)], cancellationToken);
        foreach (var person in due)
        {
            person.RequestVerification(emails.GetValueOrDefault(person.Id), now);
        }
        return due.Count;
    }
}

/// <summary>Registers the verification watch (one per replica; the claims keep them apart).</summary>
public static class VerificationWatchSetup
{
    public static IHostApplicationBuilder AddVerificationWatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VerificationWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<VerificationWatch>());
        return builder;
    }
}

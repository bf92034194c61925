using Buurt.Contracts;
using Buurt.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurt.AreaCopy;

/// <summary>
/// What a service asks of others at start, per municipality: requests (<c>HolidaysRequested</c>,
/// <c>NetworkReplayRequested</c>, ...) that make the owner of copied data tell it all again, so a
/// copy that missed events (its queue did not exist yet, a purged queue) is right after the next
/// start. <see cref="What"/> names it for the readiness message.
/// </summary>
public sealed record StartRequests<TDbContext>(string What, Func<string, DateTimeOffset, IEnumerable<IIntegrationEvent>> For)
    where TDbContext : DbContext;

/// <summary>
/// Puts the <see cref="StartRequests{TDbContext}"/> of every municipality identity knows into the
/// outbox once at start; a request made while its owner is down waits in the owner's queue.
/// </summary>
internal sealed class StartRequestsCatchUp<TDbContext>(
    StartRequests<TDbContext> requests, IServiceScopeFactory scopes, TimeProvider time, IHttpClientFactory http,
    IConfiguration configuration, ILogger<StartRequestsCatchUp<TDbContext>> logger)
    : IdentityCatchUp(http, configuration, logger)
    where TDbContext : DbContext
{
    protected override string What => requests.What;

    protected override async Task CatchUpAsync(HttpClient identity, string tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = time.GetUtcNow();
        foreach (var request in requests.For(tenant, now))
        {
            db.AddIntegrationEvent(request);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

public static class StartRequestsSetup
{
    /// <summary>Asks at start, per municipality, with <paramref name="requests"/>; readiness ("<paramref name="check"/>") waits until they are in the outbox.</summary>
    public static IHostApplicationBuilder AddRequestsAtStart<TDbContext>(
        this IHostApplicationBuilder builder, string check, string what, Func<string, DateTimeOffset, IEnumerable<IIntegrationEvent>> requests)
        where TDbContext : DbContext
    {
        builder.Services.AddSingleton(new StartRequests<TDbContext>(what, requests));
        return builder.AddIdentityCatchUp<StartRequestsCatchUp<TDbContext>>(check);
    }
}

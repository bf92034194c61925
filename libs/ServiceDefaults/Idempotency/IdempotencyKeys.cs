using System.Security.Cryptography;
using System.Text;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Problems;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Buurt.ServiceDefaults.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on API writes, for any service that turns it on: the key, the request's
/// fingerprint and the response are stored in the same transaction as the write itself, so a
/// retried request gets the first answer (with <c>Idempotent-Replayed: true</c>) and writes
/// nothing twice, also when the two arrive at once at two replicas (the second waits on the key's
/// row). Only successful answers are kept: a refused request may be corrected and sent again with
/// the same key. The same key with another request (method, path, caller or body) is a 422. Keys
/// are kept for 24 hours.
/// <para>
/// Turn on with <see cref="AddIdempotencyKeys{TDbContext}"/> and <see cref="IdempotencyModel.AddIdempotentRequests"/>
/// in the DbContext; mark each write with <see cref="WithIdempotencyKey"/>. The write's use case
/// joins the key's transaction (<c>BeginWriteAsync</c>) instead of opening its own.
/// </para>
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Keys over <typeparamref name="TDbContext"/> (which maps <see cref="IdempotencyModel.AddIdempotentRequests"/>), and their daily cleanup.</summary>
    public static IHostApplicationBuilder AddIdempotencyKeys<TDbContext>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<IdempotencyKeyOptions>(builder.Configuration.GetSection("IdempotencyKeys"));
        builder.Services.AddScoped(services => new KeyStore(services.GetRequiredService<TDbContext>()));
        builder.Services.AddHostedService<IdempotencyKeyCleanup<TDbContext>>();
        return builder;
    }

    /// <summary>Keeps the bodies of keyed writes readable twice (the fingerprint and the binding); mapped by the service defaults when keys are on.</summary>
    internal static void UseIdempotencyKeys(this WebApplication app)
    {
        if (app.Services.GetService<IServiceProviderIsService>()?.IsService(typeof(KeyStore)) != true)
        {
            return;
        }
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey(Header) && !HttpMethods.IsGet(context.Request.Method))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });
    }

    /// <summary>Makes an endpoint honour the header (and documents it).</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) => await RunAsync(context.HttpContext, () => next(context)))
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A unique key per intended write (e.g. a UUID); a retry with the same key returns the first answer and books nothing again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxKeyLength },
            });
            return Task.CompletedTask;
        });

    private static async ValueTask<object?> RunAsync(HttpContext http, Func<ValueTask<object?>> next)
    {
        if (http.Request.Headers[Header] is not [{ } key])
        {
            return await next();
        }
        if (key.Length is 0 or > MaxKeyLength)
        {
            return ApiProblems.Field(Header, $"The {Header} header must be 1 to {MaxKeyLength} characters.");
        }
        var cancellationToken = http.RequestAborted;
        var db = (http.RequestServices.GetService<KeyStore>()
            ?? throw new InvalidOperationException($"{Header} needs AddIdempotencyKeys<TDbContext>() in Program.cs.")).Db;
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>().RequiredTenantId;
        var fingerprint = await FingerprintAsync(http, cancellationToken);
        var time = http.RequestServices.GetRequiredService<TimeProvider>();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent request with the same key waits here until the first commits or rolls back.
        var first = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO idempotent_requests (tenant_id, key, fingerprint, status_code, created_at) VALUES ({tenant}, {key}, {fingerprint}, 0, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;
        if (!first)
        {
            await transaction.RollbackAsync(cancellationToken);
            var earlier = await db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.Key == key, cancellationToken);
            return earlier.Fingerprint != fingerprint
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency key reused",
                    detail: $"The {Header} '{key}' was used for another request; use a new key for a new write.")
                : new Replay(earlier);
        }

        // A refused write throws or answers 4xx (a domain rule), and the transaction rolls back with the key: it stays free.
        var result = await next();
        var executable = result as IResult ?? TypedResults.Ok(result);
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode is >= 200 and < 300)
        {
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            var location = http.Response.Headers.Location.ToString();
            var contentType = http.Response.ContentType;
            var status = http.Response.StatusCode;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE idempotent_requests SET status_code = {status}, content_type = {contentType}, location = {location}, body = {body} WHERE tenant_id = {tenant} AND key = {key}",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, cancellationToken);
        return Results.Empty;
    }

    private static async Task<string> FingerprintAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {http.User.FindFirst(BuurtClaims.Subject)?.Value}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, cancellationToken);
            request.Body.Position = 0;
            hash.AppendData(copy.ToArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The service's DbContext, where the keys live.</summary>
    private sealed record KeyStore(DbContext Db);

    /// <summary>The first answer again.</summary>
    private sealed class Replay(IdempotentRequest earlier) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = earlier.StatusCode;
            response.Headers[ReplayedHeader] = "true";
            if (earlier.Location is { Length: > 0 } location)
            {
                response.Headers.Location = location;
            }
            if (earlier.ContentType is { Length: > 0 } contentType)
            {
                response.ContentType = contentType;
            }
            await response.WriteAsync(earlier.Body ?? "", httpContext.RequestAborted);
        }
    }
}

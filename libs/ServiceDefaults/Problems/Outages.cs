using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StackExchange.Redis;

namespace Buurt.ServiceDefaults.Problems;

/// <summary>
/// A dependency that is down is the client's "try again shortly", not our bug: 503 with
/// <c>Retry-After</c> and a problem type naming what is unavailable. The gateway answers the same
/// way when no instance of a service can be reached.
/// </summary>
public static class Outages
{
    /// <summary>What a client should wait before trying again, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public const string DatabaseType = "urn:buurt:problem:database-unavailable";
    public const string RedisType = "urn:buurt:problem:redis-unavailable";
    public const string ServiceType = "urn:buurt:problem:service-unavailable";

    /// <summary>The 503 for an exception caused by an unreachable database or Redis; null for anything else.</summary>
    internal static ProblemDetails? ProblemFor(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                // A statement the server refused for its own state: shutting down, starting, out of connections.
                case PostgresException postgres:
                    return IsServerUnavailable(postgres.SqlState) ? Problem(DatabaseType, "The database is unavailable right now.") : null;
                // Npgsql's own failures are the connection's (refused, reset, timed out): transient by its judgement.
                case NpgsqlException { IsTransient: true }:
                    return Problem(DatabaseType, "The database is unavailable right now.");
                case RedisConnectionException or RedisTimeoutException:
                    return Problem(RedisType, "Redis is unavailable right now.");
            }
        }
        return null;
    }

    /// <summary>A 503 problem with the wait a client should honour (the header is set on the response).</summary>
    public static ProblemDetails Problem(string type, string detail) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Type = type,
        Detail = $"{detail} Nothing is lost; try again in {RetryAfterSeconds} seconds.",
    };

    /// <summary>Connection exceptions (08), insufficient resources (53), operator intervention (57P0x: shutting down, starting up).</summary>
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
}

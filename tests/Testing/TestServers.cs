namespace Buurt.Testing;

/// <summary>
/// The real servers the tests run on, as <c>./platform test</c> started them (BUURT_TEST_* variables).
/// Tests never share state through them: each fixture takes its own database, virtual host and
/// Redis key prefix.
/// </summary>
public static class TestServers
{
    /// <summary>Npgsql connection string without a database.</summary>
    public static string Postgres => Require("BUURT_TEST_POSTGRES");

    /// <summary>AMQP URI of the broker's default virtual host.</summary>
    public static Uri RabbitMq => new(Require("BUURT_TEST_RABBITMQ"));

    /// <summary>The management API (with credentials in the URI), used to create virtual hosts.</summary>
    public static Uri RabbitMqManagement => new(Require("BUURT_TEST_RABBITMQ_MANAGEMENT"));

    /// <summary>host:port.</summary>
    public static string Redis => Require("BUURT_TEST_REDIS");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./platform test, which starts PostgreSQL, RabbitMQ and Redis, " +
                "or set BUURT_TEST_POSTGRES, BUURT_TEST_RABBITMQ, BUURT_TEST_RABBITMQ_MANAGEMENT and BUURT_TEST_REDIS to servers of your own.");

    /// <summary>A short unique name for a fixture's database, virtual host or key prefix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

namespace Buurt.Testing;

/// <summary>
/// The real servers the tests run on, as <c>./platform test</c> started them (BUURT_TEST_* variables);
/// when none of those is set and a Docker engine answers, containers of this test process
/// (<see cref="TestContainers"/>). Tests never share state through them: each fixture takes its own
/// database, virtual host and Redis key prefix.
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

    private static readonly string[] s_servers =
        ["BUURT_TEST_POSTGRES", "BUURT_TEST_RABBITMQ", "BUURT_TEST_RABBITMQ_MANAGEMENT", "BUURT_TEST_REDIS"];

    /// <summary>True when the servers are this process's containers (no BUURT_TEST_* server given).</summary>
    public static bool InContainers { get; } =
        s_servers.All(name => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) && TestContainers.Available;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : InContainers ? TestContainers.Address(name)
        : throw new InvalidOperationException(
            $"{name} is not set. Run the tests with ./platform test, which starts PostgreSQL, RabbitMQ and Redis, " +
            "or set BUURT_TEST_POSTGRES, BUURT_TEST_RABBITMQ, BUURT_TEST_RABBITMQ_MANAGEMENT and BUURT_TEST_REDIS to servers of your own, " +
            "or run a Docker engine with the images of ./platform images (then the tests start containers themselves).");

    /// <summary>A short unique name for a fixture's database, virtual host or key prefix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

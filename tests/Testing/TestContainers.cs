using System.Diagnostics;
using System.Net.Sockets;
using Version = System.Version;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Buurt.Testing;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis in containers, from the images <c>./platform images</c> builds
/// from Debian's packages, for a test run that was given no <c>BUURT_TEST_*</c> server and has a
/// Docker engine (a laptop with only Docker running). Each starts once per test process, on the
/// first use, on a free port of 127.0.0.1; they are removed when the process ends. Testcontainers' resource
/// reaper is off (its image cannot be pulled here): what a killed run left behind is removed by the
/// next run, by the label that names the process that started it.
/// </summary>
internal static class TestContainers
{
    private const string OwnerLabel = "buurt.tests.owner";
    private const string User = "buurt";
    private const string Password = "buurt";
    private const string PostgresImage = "buurt/postgres:local";
    private const string RabbitMqImage = "buurt/rabbitmq:local";
    private const string RedisImage = "buurt/redis:local";
    private const ushort RabbitMqManagementPort = 15672;

    /// <summary>Where the ports are published (<see cref="OnLoopbackOnly"/>), whatever host name Testcontainers guesses.</summary>
    private const string Loopback = "127.0.0.1";

    private static readonly Lazy<bool> s_engine = new(FindEngine);
    private static readonly Lazy<PostgreSqlContainer> s_postgres = new(() => Start(
        new PostgreSqlBuilder(PostgresImage).WithUsername(User).WithPassword(Password)
            // As ./platform test runs it: many fixtures in parallel, each with its pools.
            .WithCommand("-c", "max_connections=400")
            .WithLabel(OwnerLabel, Owner).WithCreateParameterModifier(OnLoopbackOnly).Build()));
    private static readonly Lazy<RabbitMqContainer> s_rabbitMq = new(() => Start(
        new RabbitMqBuilder(RabbitMqImage).WithUsername(User).WithPassword(Password)
            .WithPortBinding(RabbitMqManagementPort, true)
            .WithLabel(OwnerLabel, Owner).WithCreateParameterModifier(OnLoopbackOnly).Build()));
    private static readonly Lazy<RedisContainer> s_redis = new(() => Start(
        new RedisBuilder(RedisImage).WithLabel(OwnerLabel, Owner).WithCreateParameterModifier(OnLoopbackOnly).Build()));
    private static readonly List<IContainer> s_started = [];

    /// <summary>This process, and when it started (a process id alone may come back).</summary>
    private static string Owner { get; } =
        $"{Environment.ProcessId}:{Process.GetCurrentProcess().StartTime.ToUniversalTime():O}";

    /// <summary>True when a Docker engine answers (found as Testcontainers finds one).</summary>
    public static bool Available => s_engine.Value;

    /// <summary>The value a <c>BUURT_TEST_*</c> variable would have, from this process's containers.</summary>
    public static string Address(string variable) => variable switch
    {
        "BUURT_TEST_POSTGRES" =>
            $"Host={Loopback};Port={s_postgres.Value.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort)};Username={User};Password={Password}",
        "BUURT_TEST_RABBITMQ" =>
            $"amqp://{User}:{Password}@{Loopback}:{s_rabbitMq.Value.GetMappedPublicPort(RabbitMqBuilder.RabbitMqPort)}/",
        "BUURT_TEST_RABBITMQ_MANAGEMENT" =>
            $"http://{User}:{Password}@{Loopback}:{s_rabbitMq.Value.GetMappedPublicPort(RabbitMqManagementPort)}",
        "BUURT_TEST_REDIS" => $"{Loopback}:{s_redis.Value.GetMappedPublicPort(RedisBuilder.RedisPort)}",
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "no container serves this"),
    };

    /// <summary>Published on 127.0.0.1 only: test servers with known passwords stay off the network.</summary>
    private static void OnLoopbackOnly(CreateContainerParameters parameters)
    {
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(bindings => bindings ?? []) ?? [])
        {
            binding.HostIP = Loopback;
        }
    }

    private static bool FindEngine()
    {
        // Read once by Testcontainers, so before its first use.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION"))
            && EngineApiVersion() is { } version && version < TestcontainersApiVersion)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", version.ToString());
        }
        TestcontainersSettings.ResourceReaperEnabled = false;
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            return false;
        }
        RemoveLeftovers().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        return true;
    }

    /// <summary>
    /// Testcontainers asks for API 1.44 (Docker 25 and later); Debian bookworm's docker.io (20.10)
    /// answers up to 1.41 and refuses newer clients, so a newer one is told the engine's own.
    /// </summary>
    private static readonly Version TestcontainersApiVersion = new(1, 44);

    /// <summary>The API version the local engine names in its unversioned /_ping answer, if it answers.</summary>
    private static Version? EngineApiVersion()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = string.IsNullOrEmpty(host) ? "/var/run/docker.sock"
            : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socket is null || !File.Exists(socket))
        {
            return null;
        }
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellation) =>
            {
                var connection = new Socket(AddressFamily.Unix,
                    SocketType.Stream, ProtocolType.Unspecified);
                await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellation);
                return new NetworkStream(connection, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = client.GetAsync(new Uri("http://docker/_ping")).GetAwaiter().GetResult();
            return response.Headers.TryGetValues("Api-Version", out var values) && Version.TryParse(values.First(), out var version)
                ? version : null;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            return null;
        }
    }

    private static T Start<T>(T container) where T : IContainer
    {
        lock (s_started)
        {
            s_started.Add(container);
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            container.StartAsync(timeout.Token).GetAwaiter().GetResult();
            return container;
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Could not start a container from {container.Image.FullName}. The images come from ./platform images " +
                "(as root: builds them from Debian's packages); or set the BUURT_TEST_* variables to servers of your own.", e);
        }
    }

    private static void StopAll()
    {
        IContainer[] containers;
        lock (s_started)
        {
            containers = [.. s_started];
        }
        // Bounded: a process that is ending cannot wait long; the next run removes what is left.
        Task.WhenAll(containers.Select(c => c.DisposeAsync().AsTask())).Wait(TimeSpan.FromSeconds(20));
    }

    /// <summary>Containers of earlier test processes that ended without removing theirs.</summary>
    private static async Task RemoveLeftovers()
    {
        using var client = TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder().Build();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OwnerLabel] = true } },
        });
        foreach (var container in containers.Where(c => !IsAlive(c.Labels[OwnerLabel])))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
            catch (DockerApiException)
            {
                // Removed meanwhile by its own process or another run.
            }
        }
    }

    private static bool IsAlive(string owner)
    {
        var parts = owner.Split(':', 2);
        try
        {
            using var process = Process.GetProcessById(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
            return $"{process.StartTime.ToUniversalTime():O}" == parts[1];
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

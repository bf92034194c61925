using System.Reflection;

namespace Buurt.ServiceDefaults;

/// <summary>Who this process is: its short name (as in the API path) and its version.</summary>
public sealed record ServiceInfo(string Name, string Version)
{
    /// <summary>The version this major API serves, sent as the <c>API-Version</c> header.</summary>
    public const string ApiVersion = "1.0.0";

    /// <summary>Every endpoint of the service sits below this path, the same inside and behind the gateway.</summary>
    public string ApiPrefix => $"/api/{Name}/v1";

    /// <summary>The service's OpenAPI document (inside the API prefix, so the gateway routes it like the rest).</summary>
    public string OpenApiPath => $"{ApiPrefix}/openapi.json";

    internal static ServiceInfo For(string name) => new(name, VersionOf(Assembly.GetEntryAssembly()));

    private static string VersionOf(Assembly? assembly) =>
        assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}

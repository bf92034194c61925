namespace Buurt.Architecture.Tests;

/// <summary>
/// Every service has the same rooms, and a room only uses the rooms below it (docs/architecture.md,
/// "Service anatomy"): Api and Messaging use UseCases, UseCases use Data, Data uses Domain. A new
/// service is found by these tests as soon as it exists.
/// </summary>
public sealed class ServiceShapeTests
{
    /// <summary>Each room and how high it stands; a room may use only rooms standing lower.</summary>
    private static readonly Dictionary<string, int> s_rooms = new()
    {
        ["Domain"] = 0,
        ["Data"] = 1,
        ["UseCases"] = 2,
        ["Api"] = 3,
        ["Messaging"] = 3,
    };

    /// <summary>What a domain model must not know: storage, HTTP, the bus.</summary>
    private static readonly string[] s_notInDomain =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "MassTransit", "System.Net.Http", "StackExchange.Redis"];

    public static TheoryData<string> ServiceNames => [.. Sources.Services.Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_holds_the_rooms_and_Program_cs_only(string service)
    {
        var folder = Path.Combine(Sources.Root, "services", service);
        var strays = Sources.CodeFiles(folder)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => f != "Program.cs" && !s_rooms.ContainsKey(f.Split(Path.DirectorySeparatorChar)[0]))
            .ToList();

        Assert.True(strays.Count == 0, $"services/{service}: code outside the rooms {string.Join(", ", s_rooms.Keys)}: {string.Join(", ", strays)}");
        foreach (var room in new[] { "Domain", "Data", "UseCases", "Api" })
        {
            Assert.True(Directory.Exists(Path.Combine(folder, room)), $"services/{service} has no {room}/ room.");
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void No_room_uses_a_room_above_it_or_beside_it(string service)
    {
        var folder = Path.Combine(Sources.Root, "services", service);
        var ns = File.ReadAllText(Directory.GetFiles(folder, "*.csproj").Single()) is var project && project.Contains("<RootNamespace>", StringComparison.Ordinal)
            ? project.Split("<RootNamespace>")[1].Split("</RootNamespace>")[0]
            : Path.GetFileNameWithoutExtension(Directory.GetFiles(folder, "*.csproj").Single());
        var wrong = new List<string>();
        foreach (var (room, height) in s_rooms)
        {
            foreach (var file in Sources.CodeFiles(Path.Combine(folder, room)))
            {
                wrong.AddRange(Sources.NamespacesUsed(file, ns)
                    .Select(u => u[(ns.Length + 1)..].Split('.')[0])
                    .Where(used => used != room && s_rooms.TryGetValue(used, out var usedHeight) && usedHeight >= height)
                    .Select(used => $"{Sources.Relative(file)} ({room}) uses {used}"));
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void The_domain_is_plain_CSharp(string service)
    {
        var wrong = Sources.CodeFiles(Path.Combine(Sources.Root, "services", service, "Domain"))
            .SelectMany(file => Sources.Usings(file)
                .Where(u => s_notInDomain.Any(n => u == n || u.StartsWith(n + ".", StringComparison.Ordinal)))
                .Select(u => $"{Sources.Relative(file)} uses {u}"))
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    public static TheoryData<string> Programs =>
        [.. Sources.Services.Select(s => Path.Combine(s, "Program.cs")).Append(Path.Combine(Sources.Root, "gateway", "Program.cs")).Select(Sources.Relative)];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_cs_is_composition_under_40_lines(string program)
    {
        var lines = File.ReadAllLines(Path.Combine(Sources.Root, program));

        Assert.True(lines.Length < 40, $"{program} has {lines.Length} lines; move registrations into extensions of the rooms they belong to.");
    }
}

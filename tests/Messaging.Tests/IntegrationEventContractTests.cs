using System.Reflection;
using System.Text;
using Buurt.Contracts;

namespace Buurt.Messaging.Tests;

/// <summary>
/// Integration events are wire format: MassTransit routes by namespace and type name, and consumers
/// read the fields by name. The events and their fields are pinned in IntegrationEvents.txt.
/// </summary>
public sealed class IntegrationEventContractTests
{
    private const string PinnedFile = "IntegrationEvents.txt";

    [Fact]
    public void Every_integration_event_keeps_its_namespace_type_name_and_fields()
    {
        var actual = Describe(typeof(IIntegrationEvent).Assembly);
        var pinned = Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, PinnedFile)));

        if (Render(actual) == Render(pinned))
        {
            return;
        }
        var message = new StringBuilder()
            .AppendLine("The integration events differ from tests/Messaging.Tests/" + PinnedFile + ".")
            .AppendLine("A renamed or moved event, or a changed field, breaks consumers: add a new event type instead.")
            .AppendLine("A new event is added to the list deliberately (sorted, as below).");
        foreach (var name in pinned.Keys.Except(actual.Keys))
        {
            message.AppendLine($"Gone (renamed, moved or removed?): {name}");
        }
        foreach (var name in actual.Keys.Except(pinned.Keys))
        {
            message.AppendLine($"Not in the list: {name}");
        }
        foreach (var name in actual.Keys.Intersect(pinned.Keys).Where(n => !actual[n].SequenceEqual(pinned[n])))
        {
            message.AppendLine($"Fields changed: {name}: was [{string.Join("; ", pinned[name])}], is [{string.Join("; ", actual[name])}]");
        }
        message.AppendLine().AppendLine("The events as they are now:").Append(Render(actual));
        Assert.Fail(message.ToString());
    }

    /// <summary>Full type name of each event, sorted, with its public properties as "Name: Type", sorted.</summary>
    private static SortedDictionary<string, List<string>> Describe(Assembly contracts)
    {
        var nullability = new NullabilityInfoContext();
        var events = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var type in contracts.GetTypes().Where(t => !t.IsInterface && t.IsAssignableTo(typeof(IIntegrationEvent))))
        {
            events.Add(type.FullName!, type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.Name}: {TypeName(nullability.Create(p))}")
                .ToList());
        }
        return events;
    }

    /// <summary>A property's type as the wire sees it: nullability, generic arguments and an enum's members count.</summary>
    private static string TypeName(NullabilityInfo info)
    {
        var type = info.Type;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }
        var name = info.ElementType is { } element ? TypeName(element) + "[]"
            : type.IsGenericType ? $"{type.GetGenericTypeDefinition().FullName!.Split('`')[0]}<{string.Join(", ", info.GenericTypeArguments.Select(TypeName))}>"
            : TypeName(type);
        return info.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }

    private static string TypeName(Type type) =>
        type.IsEnum ? $"{type.FullName} ({string.Join(", ", Enum.GetNames(type))})" : type.FullName!;

    /// <summary>Reads the pinned list: an event's full name at the start of a line, its fields indented below; # starts a comment.</summary>
    private static SortedDictionary<string, List<string>> Parse(string[] lines)
    {
        var events = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? fields = null;
        foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            if (char.IsWhiteSpace(line[0]))
            {
                Assert.True(fields is not null, $"{PinnedFile}: a field before any event: {line}");
                fields.Add(line.Trim());
            }
            else
            {
                events.Add(line.Trim(), fields = []);
            }
        }
        return events;
    }

    private static string Render(SortedDictionary<string, List<string>> events)
    {
        var text = new StringBuilder();
        foreach (var (name, fields) in events)
        {
            text.AppendLine(name);
            foreach (var field in fields)
            {
                text.Append("    ").AppendLine(field);
            }
        }
        return text.ToString();
    }
}

namespace Buurt.Contacts.Domain;

/// <summary>
/// A function in the wijk network (wijkregisseur, wijkwethouder, wijkagent, wijkboa, opbouwwerker,
/// woonconsulent, ...): the municipality's own list. People hold one through assignments; a function
/// may have contact points of its own that stay when its holder changes (the wijkagent's number).
/// </summary>
public sealed class Function
{
    private Function()
    {
    }

    public string TenantId { get; private set; } = "";

    /// <summary>How the API names it: wijkagent.</summary>
    public string Key { get; private set; } = "";

    /// <summary>How people read it: Wijkagent.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Where it comes in a wijk's list of contacts (lower first).</summary>
    public int Position { get; private set; }

    public static Function Define(string tenantId, string key, string name, int position) => new()
    {
        TenantId = tenantId,
        Key = Text.Key(key, "key"),
        Name = Text.Required(name, Text.NameMaxLength, "name"),
        Position = position,
    };

    public void Rename(string name, int position)
    {
        Name = Text.Required(name, Text.NameMaxLength, "name");
        Position = position;
    }
}

/// <summary>
/// A topic residents ask about (groen, spelen, verkeer, veiligheid, eenzaamheid, ...): one of the
/// municipality's sub-themes under sociaal, fysiek or veilig. Routing rules send each to a contact.
/// </summary>
public sealed class Topic
{
    private Topic()
    {
    }

    public string TenantId { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Contracts.Theme Theme { get; private set; }

    public static Topic Define(string tenantId, string key, string name, Contracts.Theme theme) => new()
    {
        TenantId = tenantId,
        Key = Text.Key(key, "key"),
        Name = Text.Required(name, Text.NameMaxLength, "name"),
        Theme = theme,
    };

    public void Change(string name, Contracts.Theme theme)
    {
        Name = Text.Required(name, Text.NameMaxLength, "name");
        Theme = theme;
    }
}

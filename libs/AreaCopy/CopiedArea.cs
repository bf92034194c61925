namespace Buurt.AreaCopy;

/// <summary>
/// A wijk or buurt as a service knows it, copied from identity's events: enough to validate and
/// label its own data without asking identity.
/// </summary>
public sealed class CopiedArea
{
    public const string Wijk = "wijk";

    public const string Buurt = "buurt";

    private CopiedArea()
    {
    }

    public CopiedArea(string tenantId, Guid id, string kind, string name, string code, Guid? parentId)
    {
        TenantId = tenantId;
        Id = id;
        Kind = kind;
        Name = name;
        Code = code;
        ParentId = parentId;
    }

    public string TenantId { get; private set; } = "";

    public Guid Id { get; private set; }

    /// <summary>wijk or buurt.</summary>
    public string Kind { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Code { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    public void Rename(string name, string code)
    {
        Name = name;
        Code = code;
    }
}

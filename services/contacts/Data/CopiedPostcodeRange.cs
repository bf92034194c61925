namespace Buurt.Contacts.Data;

/// <summary>
/// PC4 postcodes From..To (both included) lie in wijk AreaId: contacts' copy of identity's ranges
/// (PostcodeRangeAdded, and a catch-up at start), so "who do I talk to" needs no call to identity.
/// </summary>
public sealed class CopiedPostcodeRange
{
    private CopiedPostcodeRange()
    {
    }

    public CopiedPostcodeRange(string tenantId, int from, int to, Guid areaId)
    {
        TenantId = tenantId;
        From = from;
        To = to;
        AreaId = areaId;
    }

    public string TenantId { get; private set; } = "";

    public int From { get; private set; }

    public int To { get; private set; }

    public Guid AreaId { get; private set; }
}

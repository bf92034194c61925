namespace Buurt.Contacts.Domain;

/// <summary>Who may see a contact point, from the widest circle to the narrowest; each circle holds the ones after it.</summary>
public enum Visibility
{
    /// <summary>Anyone, also without signing in (and the gateway's shared cache when nothing personal is in the answer).</summary>
    Public,

    /// <summary>Signed-in people of the municipality.</summary>
    Residents,

    /// <summary>Partners of the wijk (wijkagent, social work, ...) and the municipality's staff.</summary>
    Network,

    /// <summary>The municipality's staff only.</summary>
    Staff,
}

public static class Visibilities
{
    /// <summary>The narrower of two circles: what both allow.</summary>
    public static Visibility Narrower(Visibility a, Visibility b) => a > b ? a : b;

    /// <summary>The wider of two circles.</summary>
    public static Visibility Wider(Visibility a, Visibility b) => a < b ? a : b;
}

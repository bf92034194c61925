using Buurt.Contracts;

namespace Buurt.Budget.Domain;

/// <summary>
/// A wijk's money that council amendments earmarked for a theme, in one year. What an earmark has
/// not yet funded stays out of reach of the other themes' deals: a deal of theme X may use the
/// wijk's available money minus the unspent earmarks of every other theme. A theme's deals use
/// its own earmark first simply by counting against it (what they hold: reserved, committed,
/// paid), so a release gives the earmark back without any bookkeeping per reservation.
/// </summary>
public sealed class Earmarks
{
    private readonly Dictionary<Theme, decimal> _earmarked;
    private readonly Dictionary<Theme, decimal> _used;

    /// <param name="earmarked">Per theme, the sum of the amendments earmarked for it in this wijk and year.</param>
    /// <param name="used">Per theme, what the wijk's deals of that theme hold in this year.</param>
    public Earmarks(IReadOnlyDictionary<Theme, decimal> earmarked, IReadOnlyDictionary<Theme, decimal> used)
    {
        _earmarked = new(earmarked);
        _used = new(used);
    }

    /// <summary>The part of an earmark its theme's deals have not used yet.</summary>
    public decimal Unspent(Theme theme) =>
        Math.Max(0m, _earmarked.GetValueOrDefault(theme) - _used.GetValueOrDefault(theme));

    /// <summary>What a deal of this theme may use of the wijk's available money.</summary>
    public decimal FreeFor(Theme theme, decimal available) => available - HeldForOthers(theme);

    /// <summary>Kept out of reach of this theme's deals: the other themes' unspent earmarks.</summary>
    public decimal HeldForOthers(Theme theme) => _earmarked.Keys.Where(t => t != theme).Sum(Unspent);

    public void Use(Theme theme, decimal amount) => _used[theme] = _used.GetValueOrDefault(theme) + amount;

    public void GiveBack(Theme theme, decimal amount) => _used[theme] = _used.GetValueOrDefault(theme) - amount;
}

namespace Buurt.Budget.Domain;

/// <summary>
/// Money is <c>decimal</c> euros with at most two decimals, never floating point. Amounts are
/// added and subtracted only, so no rounding happens in the books; the one derived figure that
/// divides (% used) is rounded half away from zero to one decimal.
/// </summary>
public static class Money
{
    /// <summary>Whole cents: no fraction of a cent (we refuse, we never round what someone sent).</summary>
    public static bool IsWholeCents(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>What part of <paramref name="budget"/> is <paramref name="used"/>, in percent with one decimal; 0 for no budget.</summary>
    public static decimal Percent(decimal used, decimal budget) =>
        budget <= 0 ? 0m : decimal.Round(used * 100m / budget, 1, MidpointRounding.AwayFromZero);

    /// <summary>Throws when <paramref name="amount"/> is negative or has a fraction of a cent (a bug upstream, not a user's typo).</summary>
    public static void RequireValid(decimal amount, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount, name);
        if (!IsWholeCents(amount))
        {
            throw new ArgumentException($"{amount} has a fraction of a cent.", name);
        }
    }
}

namespace Buurt.Budget.Domain;

/// <summary>
/// What one ledger entry changes in a wijk's balance of one year, per bucket (signed euros).
/// <c>Committed</c> includes what has been paid from it; <c>Paid</c> never exceeds it.
/// </summary>
public readonly record struct Buckets(decimal Allocated, decimal Amended, decimal Reserved, decimal Committed, decimal Paid)
{
    public static Buckets Allocate(decimal amount) => new(amount, 0, 0, 0, 0);

    public static Buckets Amend(decimal amount) => new(0, amount, 0, 0, 0);

    public static Buckets Reserve(decimal amount) => new(0, 0, amount, 0, 0);

    public static Buckets ReleaseReserved(decimal amount) => new(0, 0, -amount, 0, 0);

    public static Buckets Commit(decimal amount) => new(0, 0, -amount, amount, 0);

    public static Buckets ReleaseCommitted(decimal amount) => new(0, 0, 0, -amount, 0);

    public static Buckets Pay(decimal amount) => new(0, 0, 0, 0, amount);

    /// <summary>A correction of one bucket by a signed amount.</summary>
    public static Buckets Of(Bucket bucket, decimal amount) => bucket switch
    {
        Bucket.Allocated => Allocate(amount),
        Bucket.Amended => Amend(amount),
        Bucket.Reserved => Reserve(amount),
        Bucket.Committed => new(0, 0, 0, amount, 0),
        Bucket.Paid => Pay(amount),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };
}

/// <summary>The buckets of a wijk's balance a correction may change.</summary>
public enum Bucket
{
    Allocated,
    Amended,
    Reserved,
    Committed,
    Paid,
}

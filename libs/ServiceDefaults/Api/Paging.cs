using System.ComponentModel.DataAnnotations;

namespace Buurt.ServiceDefaults.Api;

/// <summary>Paging parameters every list takes: <c>?page=1&amp;pageSize=20</c>.</summary>
public sealed record PageRequest
{
    public const int MaxPageSize = 100;

    /// <summary>1-based page number.</summary>
    [Range(1, 100_000)]
    public int? Page { get; init; }

    /// <summary>Items per page, 1 to 100 (default 20).</summary>
    [Range(1, MaxPageSize)]
    public int? PageSize { get; init; }

    public int PageNumber => Page ?? 1;

    public int Size => PageSize ?? 20;

    public int Skip => (PageNumber - 1) * Size;
}

/// <summary>One page of a list, with the total so clients can page on.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

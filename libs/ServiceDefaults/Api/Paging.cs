using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

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

public static class Paging
{
    /// <summary>One page of an ordered query, with the number of rows in all of it.</summary>
    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken cancellationToken) => new(
        await ordered.Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken), page.PageNumber, page.Size,
        await ordered.LongCountAsync(cancellationToken));

    /// <summary>One page of an ordered query, each row mapped to its response.</summary>
    public static async Task<PagedList<TResult>> ToPageAsync<T, TResult>(
        this IQueryable<T> ordered, PageRequest page, Func<T, TResult> map, CancellationToken cancellationToken)
    {
        var rows = await ordered.ToPageAsync(page, cancellationToken);
        return new(rows.Items.Select(map).ToList(), rows.Page, rows.PageSize, rows.Total);
    }
}

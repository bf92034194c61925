namespace Buurt.Contracts.Identity;

/// <summary>
/// Identity's public API format of <c>GET /api/identity/v1/postcodes</c>: every PC4 range of a
/// municipality and the wijk it lies in. Services that keep a copy of the ranges catch up from it.
/// </summary>
public sealed record PostcodeRangeList(IReadOnlyList<PostcodeRangeItem> Items);

/// <summary>PC4 postcodes <paramref name="From"/> to <paramref name="To"/> (both included) lie in wijk <paramref name="AreaId"/>.</summary>
public sealed record PostcodeRangeItem(int From, int To, Guid AreaId);

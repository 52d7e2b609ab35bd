namespace Approvals.Activities.Assets;

/// <summary>One page of a register search, in code order, with the number of matches in all.</summary>
public sealed record AssetPage(IReadOnlyList<AssetEntry> Items, int Total, int Page, int PageSize);

namespace Approvals.Activities.Assets;

/// <summary>A register search: every filter is optional; <see cref="Text"/> matches code, name or location.</summary>
public sealed record AssetQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Section { get; init; }
    public string? Category { get; init; }
    /// <summary>InUse, InTransfer or Retired (the effective status).</summary>
    public string? Status { get; init; }
    public string? Text { get; init; }
    /// <summary>From 1.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
}

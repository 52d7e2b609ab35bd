namespace Approvals.Workflows.Office;

/// <summary>An office asset in the register (资产台账), held by one section at a time.</summary>
public sealed class Asset
{
    /// <summary>The asset's register code, e.g. ZC-2021-0042.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public string SectionId { get; set; } = "";
    public string? Location { get; set; }
    public decimal Value { get; set; }
    /// <summary>InUse, InTransfer (a transfer case holds it), Retired.</summary>
    public string Status { get; set; } = AssetStatuses.InUse;
    /// <summary>The transfer case that holds the asset while <see cref="Status"/> is InTransfer.</summary>
    public string? TransferInstanceId { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class AssetStatuses
{
    public const string InUse = "InUse";
    public const string InTransfer = "InTransfer";
    public const string Retired = "Retired";
}

namespace Approvals.Activities.Assets;

/// <summary>
/// An asset as the register shows it. <see cref="Status"/> is the effective status: a row still marked
/// InTransfer whose case has ended (withdrawn, cancelled) counts as InUse, and then
/// <see cref="TransferInstanceId"/> is null.
/// </summary>
public sealed record AssetEntry
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Category { get; init; } = "";
    public string SectionId { get; init; } = "";
    public string? Location { get; init; }
    public decimal Value { get; init; }
    /// <summary>InUse, InTransfer or Retired (see <see cref="Approvals.Workflows.Office.AssetStatuses"/>).</summary>
    public string Status { get; init; } = "";
    /// <summary>The transfer case (资产调换) holding the asset while it is InTransfer.</summary>
    public string? TransferInstanceId { get; init; }
    public DateTime UpdatedAt { get; init; }
}

namespace Approvals.Workflows.Office;

/// <summary>One move of an asset between sections (the register keeps every move).</summary>
public sealed class AssetMove
{
    public long Id { get; set; }
    public string AssetCode { get; set; } = "";
    public string FromSectionId { get; set; } = "";
    public string ToSectionId { get; set; } = "";
    /// <summary>The transfer case (资产调换) that approved it.</summary>
    public string? InstanceId { get; set; }
    /// <summary>The finance section's filing number (财务科备案号).</summary>
    public string? FilingNo { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime At { get; set; }
}

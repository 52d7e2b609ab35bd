namespace Approvals.Workflows.Office;

/// <summary>A monthly report posted to the group chat; the key makes it happen once per month, across hosts.</summary>
public sealed class ReportRun
{
    public string Key { get; set; } = "";
    public int Year { get; set; }
    public int Month { get; set; }
    public DateTime PostedAt { get; set; }
}

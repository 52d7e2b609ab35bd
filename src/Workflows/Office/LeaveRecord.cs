namespace Approvals.Workflows.Office;

/// <summary>An approved leave as the HR section (人事科) records it, and whether the person reported back (销假).</summary>
public sealed class LeaveRecord
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The leave type value from the form (annual, sick, personal, …).</summary>
    public string LeaveType { get; set; } = "";
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    /// <summary>Length in working days by the office calendar.</summary>
    public decimal WorkingDays { get; set; }
    public string? HandOverTo { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
    public DateTime? ReportedBackAt { get; set; }
}

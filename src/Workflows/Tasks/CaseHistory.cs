namespace Approvals.Workflows.Tasks;

/// <summary>One line of a case's timeline (append-only): who did what, when, to whom, on whose behalf.</summary>
public sealed class CaseHistory
{
    public long Id { get; set; }
    public string InstanceId { get; set; } = "";
    public string? TaskId { get; set; }
    public string? ActivityId { get; set; }
    public DateTime At { get; set; }
    /// <summary>The person acting (null for the system).</summary>
    public string? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string? Comment { get; set; }
    public string? FromUserId { get; set; }
    public string? ToUserId { get; set; }
    public string? OnBehalfOf { get; set; }
}

namespace Approvals.Workflows.Runtime;

/// <summary>A fault that stopped an instance: where, why, and whether it has been retried.</summary>
public sealed class Incident
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Details { get; set; }
    public DateTime At { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

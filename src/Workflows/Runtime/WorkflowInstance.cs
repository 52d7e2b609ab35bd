namespace Approvals.Workflows.Runtime;

/// <summary>A run of one published version of a workflow, as stored.</summary>
public sealed class WorkflowInstance
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    /// <summary>The version it started on; it stays on it until it ends.</summary>
    public int DefinitionVersion { get; set; }
    public InstanceStatus Status { get; set; }
    /// <summary>The user who started it (null for system starts).</summary>
    public string? Initiator { get; set; }
    /// <summary>A domain outcome shown to people, e.g. Approved, Rejected, Withdrawn.</summary>
    public string? Result { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Serialized <see cref="InstanceState"/>.</summary>
    public string StateJson { get; set; } = "{}";
    /// <summary>Optimistic-concurrency token: every commit raises it by one and requires the old value.</summary>
    public long Revision { get; set; }
}

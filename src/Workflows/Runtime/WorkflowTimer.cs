namespace Approvals.Workflows.Runtime;

/// <summary>
/// A durable timer: when due, the bookmark's activity is resumed with the timer's name. Deleted in the
/// same transaction as the burst it triggers, so it fires once even with several hosts.
/// </summary>
public sealed class WorkflowTimer
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string BookmarkId { get; set; } = "";
    /// <summary>Why it exists, e.g. <c>due</c>, <c>reminder</c>, <c>escalate-1</c>.</summary>
    public string Name { get; set; } = "";
    public DateTime DueAt { get; set; }
    /// <summary>A host that picked the timer up holds it until this time, so others skip it meanwhile.</summary>
    public DateTime? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    /// <summary>
    /// How often a host took the lease to fire it, counted in its own commit before the burst runs. The
    /// burst's commit deletes the row, so a count that keeps growing means the burst faulted outside the
    /// sandbox or the host died during it; past <see cref="WorkflowEngineOptions.MaxTimerAttempts"/> the
    /// instance is quarantined.
    /// </summary>
    public int Attempts { get; set; }
}

namespace Approvals.Workflows.Runtime;

/// <summary>Where a workflow instance stands.</summary>
public enum InstanceStatus
{
    /// <summary>A burst is executing it (only seen inside a burst).</summary>
    Running,
    /// <summary>Waiting on one or more bookmarks (a task, a signal, a timer).</summary>
    Suspended,
    Finished,
    Cancelled,
    /// <summary>An activity failed; an incident says why and can be retried.</summary>
    Faulted,
}

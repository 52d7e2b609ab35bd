namespace Approvals.Workflows.Runtime;

/// <summary>Everything one burst changed, written in one transaction or not at all.</summary>
public sealed class BurstChanges
{
    /// <summary>True when the instance row is new (a start).</summary>
    public bool IsNewInstance { get; init; }
    /// <summary>The revision the burst read; the commit requires it to be unchanged.</summary>
    public long ExpectedRevision { get; init; }
    public List<Bookmark> AddedBookmarks { get; } = [];
    public List<Bookmark> RemovedBookmarks { get; } = [];
    public List<WorkflowTimer> AddedTimers { get; } = [];
    /// <summary>Timers to delete; a missing one means another host fired it first (a conflict).</summary>
    public List<string> FiredTimerIds { get; } = [];
    /// <summary>Bookmarks whose stored timers are all replaced (a deadline recomputed after a transfer).</summary>
    public List<string> ClearedTimerBookmarks { get; } = [];
    /// <summary>An administrator's retry: every timer of the instance starts counting its attempts again.</summary>
    public bool ResetTimerAttempts { get; set; }
    public List<JournalEntry> Journal { get; } = [];
    public List<Incident> Incidents { get; } = [];
    public List<Incident> ResolvedIncidents { get; } = [];
    /// <summary>Domain rows added by activities (tasks, history lines…).</summary>
    public List<object> Staged { get; } = [];
    /// <summary>Domain rows changed by activities (a task completed, reassigned…).</summary>
    public List<object> StagedUpdates { get; } = [];
    /// <summary>
    /// Copies of staged-update rows as they were read, by row: the commit checks the rows' concurrency
    /// tokens against these, so a row someone else changed meanwhile makes the burst re-run on fresh data.
    /// </summary>
    public Dictionary<object, object> AsRead { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Work after commit (notifications); never part of the transaction.</summary>
    public List<Func<CancellationToken, Task>> AfterCommit { get; } = [];
}

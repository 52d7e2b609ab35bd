namespace Approvals.Workflows.Runtime;

/// <summary>One line of an instance's execution journal (append-only).</summary>
public sealed class JournalEntry
{
    public long Id { get; set; }
    public string InstanceId { get; set; } = "";
    public DateTime At { get; set; }
    public JournalKind Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    /// <summary>The outcome(s) an activity completed with, comma-separated.</summary>
    public string? Outcome { get; set; }
    /// <summary>The user acting when it happened (null for the system: timers, startup).</summary>
    public string? UserId { get; set; }
    public string? Message { get; set; }
}

/// <summary>What a journal line records.</summary>
public enum JournalKind
{
    InstanceStarted,
    ActivityStarted,
    ActivityCompleted,
    BookmarkCreated,
    BookmarkResumed,
    ActivityFaulted,
    IncidentRetried,
    InstanceFinished,
    InstanceCancelled,
    Note,
}

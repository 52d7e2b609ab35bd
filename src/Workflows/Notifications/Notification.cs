namespace Approvals.Workflows.Notifications;

/// <summary>
/// A message for one person: shown in the app, and delivered by the configured channels (e-mail,
/// WeCom) from this row, so a failed delivery is retried without touching the workflow.
/// </summary>
public sealed class Notification
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public string? InstanceId { get; set; }
    public string? TaskId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    /// <summary>When channels finished with it (delivered, or no channel wanted it).</summary>
    public DateTime? DeliveredAt { get; set; }
    public int DeliveryAttempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

public enum NotificationKind { Assigned, Returned, Urged, CarbonCopy, Overdue, Finished, Reminder, Escalated }

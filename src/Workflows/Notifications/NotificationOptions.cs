namespace Approvals.Workflows.Notifications;

/// <summary>Delivery of notifications outside the app (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public EmailOptions Email { get; set; } = new();
    public WeComOptions WeCom { get; set; } = new();
    /// <summary>How often the worker looks for notifications to deliver.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

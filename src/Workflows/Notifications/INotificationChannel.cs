using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Notifications;

/// <summary>
/// A way of telling a person about a <see cref="Notification"/> outside the app (e-mail, WeCom).
/// <see cref="NotificationDispatcher"/> calls every enabled channel that wants a notification.
/// </summary>
public interface INotificationChannel
{
    /// <summary>A short, stable name used in logs and in <see cref="Notification.LastError"/>, e.g. <c>email</c>.</summary>
    string Name { get; }

    /// <summary>Whether the channel is configured; a disabled channel is never called.</summary>
    bool IsEnabled { get; }

    /// <summary>Whether this channel sends notifications of this kind at all. Every notification by default.</summary>
    bool Wants(Notification notification) => true;

    /// <summary>
    /// Sends <paramref name="notification"/> to <paramref name="recipient"/>. Returning means done (also
    /// when the channel deliberately skips the person, e.g. no e-mail address); throwing means
    /// "failed, retry later".
    /// </summary>
    Task SendAsync(Notification notification, OrgUser recipient, CancellationToken ct);
}

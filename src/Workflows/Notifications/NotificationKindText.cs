namespace Approvals.Workflows.Notifications;

/// <summary>How the kinds of notification are called in messages to people.</summary>
public static class NotificationKindText
{
    /// <summary>The Chinese label of a kind, e.g. 待办 for <see cref="NotificationKind.Assigned"/>.</summary>
    public static string Zh(NotificationKind kind) => kind switch
    {
        NotificationKind.Assigned => "待办",
        NotificationKind.Returned => "退回",
        NotificationKind.Urged => "催办",
        NotificationKind.CarbonCopy => "抄送",
        NotificationKind.Overdue => "已超期",
        NotificationKind.Finished => "办结",
        NotificationKind.Reminder => "提醒",
        NotificationKind.Escalated => "升级",
        _ => "通知",
    };

    /// <summary>The subject line of a message: <c>【待办】title</c>.</summary>
    public static string Subject(Notification n) => $"【{Zh(n.Kind)}】{n.Title}";

    /// <summary>
    /// The page of the notification in the web app: the task when there is one, else the request;
    /// null when <paramref name="baseUrl"/> is not configured or the notification points nowhere.
    /// </summary>
    public static string? Link(string? baseUrl, Notification n)
    {
        if (string.IsNullOrWhiteSpace(baseUrl)) return null;
        var root = baseUrl.TrimEnd('/');
        if (!string.IsNullOrEmpty(n.TaskId)) return $"{root}/tasks/{Uri.EscapeDataString(n.TaskId)}";
        if (!string.IsNullOrEmpty(n.InstanceId)) return $"{root}/requests/{Uri.EscapeDataString(n.InstanceId)}";
        return null;
    }
}

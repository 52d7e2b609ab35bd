namespace Approvals.Workflows.Notifications;

/// <summary>A WeCom (企业微信) group robot that notifications are posted to (configuration section <c>Notifications:WeCom</c>).</summary>
public sealed class WeComOptions
{
    /// <summary>The robot's webhook, <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>; WeCom is off while empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The kinds posted to the group; null means <see cref="DefaultKinds"/>. Null rather than a filled list
    /// because the configuration binder appends configured items to a list that already has some.
    /// </summary>
    public List<NotificationKind>? Kinds { get; set; }

    /// <summary>
    /// Put the recipient's mobile number on the 相关人员 line. Robot markdown cannot @-mention by mobile,
    /// so this is plain text that lets the group reach the person.
    /// </summary>
    public bool MentionByMobile { get; set; } = true;

    /// <summary>The web app's address; when set, posts link to the task or request.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>What the group hears about unless <see cref="Kinds"/> says otherwise: things going wrong.</summary>
    public static IReadOnlyList<NotificationKind> DefaultKinds { get; } = [NotificationKind.Overdue, NotificationKind.Escalated];

    public bool IsEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>Whether notifications of <paramref name="kind"/> are posted.</summary>
    public bool Posts(NotificationKind kind) => (Kinds ?? DefaultKinds).Contains(kind);
}

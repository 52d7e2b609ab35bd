namespace Approvals.Workflows.Notifications;

/// <summary>The SMTP server that e-mails notifications (configuration section <c>Notifications:Email</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>The SMTP server; e-mail is off while this or <see cref="From"/> is empty.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>
    /// Upgrade the connection with STARTTLS (required then). Off by default: plain SMTP, meant for a relay
    /// on the loopback or the office network.
    /// </summary>
    public bool UseStartTls { get; set; }
    /// <summary>Log in with this user when set.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender address, e.g. <c>approvals@example.gov.cn</c>.</summary>
    public string? From { get; set; }
    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "区政府办公室审批平台";
    /// <summary>The web app's address (e.g. <c>https://oa.example.gov.cn</c>); when set, messages link to the task or request.</summary>
    public string? BaseUrl { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

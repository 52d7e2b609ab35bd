using System.Text;
using Approvals.Workflows.Organization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Approvals.Workflows.Notifications;

/// <summary>E-mails notifications over SMTP, one connection per message (the volume is a few hundred a day).</summary>
public sealed class EmailChannel(EmailOptions options, TimeProvider clock) : INotificationChannel
{
    // Well inside the dispatcher's two-minute claim, so a slow server does not lead to a second send.
    private const int TimeoutMs = 30_000;

    public string Name => "email";

    public bool IsEnabled => options.IsEnabled;

    public async Task SendAsync(Notification notification, OrgUser recipient, CancellationToken ct)
    {
        // Nothing to retry for someone without an address: the notification is still in the app.
        if (string.IsNullOrWhiteSpace(recipient.Email)) return;

        using var smtp = new SmtpClient { Timeout = TimeoutMs };
        await smtp.ConnectAsync(options.Host, options.Port, options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.UserName))
            await smtp.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await smtp.SendAsync(Compose(notification, recipient), ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>The message for <paramref name="recipient"/>: subject <c>【待办】title</c>, plain-text body with the link.</summary>
    public MimeMessage Compose(Notification n, OrgUser recipient)
    {
        var message = new MimeMessage { Subject = NotificationKindText.Subject(n), Date = clock.GetUtcNow() };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(recipient.Name, recipient.Email!.Trim()));
        message.Body = new TextPart("plain") { Text = BodyText(n, recipient) };
        return message;
    }

    private string BodyText(Notification n, OrgUser recipient)
    {
        var text = new StringBuilder();
        text.Append(recipient.Name).Append("：\n\n");
        text.Append(NotificationKindText.Subject(n)).Append('\n');
        if (!string.IsNullOrWhiteSpace(n.Body)) text.Append('\n').Append(n.Body.Trim()).Append('\n');
        if (NotificationKindText.Link(options.BaseUrl, n) is { } link) text.Append("\n办理链接：").Append(link).Append('\n');
        text.Append("\n—— ").Append(options.FromName).Append("（系统自动发送，请勿回复）\n");
        return text.ToString();
    }
}

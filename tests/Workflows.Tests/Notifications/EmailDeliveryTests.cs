using Approvals.Workflows.Notifications;
using MimeKit;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>E-mail delivery through a real SMTP conversation with a server on the loopback.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();
    private NotificationHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await NotificationHarness.CreateAsync(new NotificationOptions
    {
        Email = new EmailOptions { Host = "127.0.0.1", Port = _smtp.Port, From = "approvals@example.gov.cn", BaseUrl = "https://oa.example.gov.cn/" },
    });

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Assigned_notification_is_emailed_with_the_chinese_subject_and_a_link_to_the_task()
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Assigned, "请假申请：李四 3天", taskId: "task42", body: "请在3个工作日内办理。");

        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));

        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("approvals@example.gov.cn", mail.From);
        Assert.Equal(["zhangsan@example.gov.cn"], mail.To);
        Assert.Equal("【待办】请假申请：李四 3天", mail.Message.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.From));
        Assert.Equal("区政府办公室审批平台", from.Name);
        Assert.Equal("张三", Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.To)).Name);
        var text = mail.Message.TextBody;
        Assert.Contains("请假申请：李四 3天", text);
        Assert.Contains("请在3个工作日内办理。", text);
        Assert.Contains("https://oa.example.gov.cn/tasks/task42", text);

        var row = await _h.FindAsync(n.Id);
        Assert.Equal(_h.Now, row.DeliveredAt);
        Assert.Null(row.LastError);
        Assert.Equal(0, row.DeliveryAttempts);
    }

    [Fact]
    public async Task Without_a_task_the_link_goes_to_the_request()
    {
        await _h.AddAsync("zhangsan", NotificationKind.Finished, "您的请假申请已办结", taskId: null, instanceId: "inst7");

        await _h.Dispatcher.RunDueAsync(Ct);

        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("【办结】您的请假申请已办结", mail.Message.Subject);
        Assert.Contains("https://oa.example.gov.cn/requests/inst7", mail.Message.TextBody);
        Assert.DoesNotContain("/tasks/", mail.Message.TextBody);
    }

    [Fact]
    public async Task User_without_an_email_address_is_skipped_and_marked_delivered()
    {
        var n = await _h.AddAsync("lisi", NotificationKind.Assigned, "请审批");

        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));

        Assert.Empty(_smtp.Messages);
        var row = await _h.FindAsync(n.Id);
        Assert.Equal(_h.Now, row.DeliveredAt);
        Assert.Null(row.LastError);
        Assert.Equal(0, row.DeliveryAttempts);
    }

    [Fact]
    public async Task A_refused_message_is_retried_after_a_minute()
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Urged, "请尽快办理");
        _smtp.RejectNext(1);

        Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
        var row = await _h.FindAsync(n.Id);
        Assert.Null(row.DeliveredAt);
        Assert.Equal(1, row.DeliveryAttempts);
        Assert.Equal(_h.Now.AddMinutes(1), row.NextAttemptAt);
        Assert.StartsWith("email: ", row.LastError);
        Assert.Contains(_h.Logs.Entries, e => e.Message.Contains(n.Id) && e.Message.Contains("email"));

        _h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
        Assert.Empty(_smtp.Messages);

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));
        Assert.Equal("【催办】请尽快办理", Assert.Single(_smtp.Messages).Message.Subject);
        row = await _h.FindAsync(n.Id);
        Assert.Equal(_h.Now, row.DeliveredAt);
        Assert.Null(row.LastError);
    }

    [Fact]
    public void Email_is_off_until_host_and_sender_are_set()
    {
        Assert.False(new EmailOptions().IsEnabled);
        Assert.False(new EmailOptions { Host = "smtp.example.gov.cn" }.IsEnabled);
        Assert.False(new EmailOptions { From = "approvals@example.gov.cn" }.IsEnabled);
        Assert.True(new EmailOptions { Host = "smtp.example.gov.cn", From = "approvals@example.gov.cn" }.IsEnabled);
    }
}

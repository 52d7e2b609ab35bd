using Approvals.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>What the dispatcher does across channels and hosts.</summary>
public sealed class NotificationDispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_channel_configured_due_notifications_are_marked_delivered()
    {
        await using var h = await NotificationHarness.CreateAsync(new NotificationOptions());
        var due = new[]
        {
            await h.AddAsync("zhangsan", NotificationKind.Assigned, "a"),
            await h.AddAsync("lisi", NotificationKind.Overdue, "b"),
            await h.AddAsync("nobody", NotificationKind.CarbonCopy, "c"),
        };
        var later = await h.AddAsync("zhangsan", NotificationKind.Reminder, "d", nextAttemptAt: h.Now.AddMinutes(10));

        Assert.Equal(3, await h.Dispatcher.RunDueAsync(Ct));

        foreach (var n in due) Assert.Equal(h.Now, (await h.FindAsync(n.Id)).DeliveredAt);
        Assert.Null((await h.FindAsync(later.Id)).DeliveredAt);
        Assert.Equal(0, await h.Dispatcher.RunDueAsync(Ct));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await h.Dispatcher.RunDueAsync(Ct));
    }

    [Fact]
    public async Task More_than_a_batch_is_delivered_in_one_pass()
    {
        await using var smtp = new SmtpTestServer();
        await using var h = await NotificationHarness.CreateAsync(new NotificationOptions
        {
            Email = new EmailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "approvals@example.gov.cn" },
        });
        // 李四 has no address, so the e-mail channel is called 250 times without a conversation.
        for (var i = 0; i < 250; i++) await h.AddAsync("lisi", NotificationKind.Assigned, $"n{i}");

        Assert.Equal(250, await h.Dispatcher.RunDueAsync(Ct));
        Assert.Equal(0, await h.Dispatcher.RunDueAsync(Ct));
    }

    [Fact]
    public async Task A_notification_for_an_unknown_user_is_closed_without_sending()
    {
        await using var smtp = new SmtpTestServer();
        await using var h = await NotificationHarness.CreateAsync(new NotificationOptions
        {
            Email = new EmailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "approvals@example.gov.cn" },
        });
        var n = await h.AddAsync("gone", NotificationKind.Assigned, "请审批");

        Assert.Equal(1, await h.Dispatcher.RunDueAsync(Ct));

        Assert.Empty(smtp.Messages);
        var row = await h.FindAsync(n.Id);
        Assert.Equal(h.Now, row.DeliveredAt);
        Assert.Contains("not found", row.LastError);
    }

    [Fact]
    public async Task A_retry_after_a_partial_failure_does_not_send_again_through_the_channel_that_succeeded()
    {
        await using var smtp = new SmtpTestServer();
        await using var robot = new WebhookTestServer();
        await using var h = await NotificationHarness.CreateAsync(new NotificationOptions
        {
            Email = new EmailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "approvals@example.gov.cn" },
            WeCom = new WeComOptions { WebhookUrl = robot.Url },
        });
        var n = await h.AddAsync("zhangsan", NotificationKind.Overdue, "采购申请");
        robot.FailNextWithStatus(502);

        Assert.Equal(0, await h.Dispatcher.RunDueAsync(Ct));
        Assert.Single(smtp.Messages);
        Assert.Single(robot.Bodies);
        Assert.StartsWith("sent: email | wecom: ", (await h.FindAsync(n.Id)).LastError);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await h.Dispatcher.RunDueAsync(Ct));
        Assert.Single(smtp.Messages);
        Assert.Equal(2, robot.Bodies.Count);
        Assert.Null((await h.FindAsync(n.Id)).LastError);
    }

    [Fact]
    public async Task A_notification_claimed_by_one_host_is_not_sent_by_another()
    {
        await using var robot = new WebhookTestServer();
        var options = new NotificationOptions { WeCom = new WeComOptions { WebhookUrl = robot.Url } };
        await using var a = await NotificationHarness.CreateAsync(options);
        await using var b = await NotificationHarness.CreateAsync(options, a.DbFile, a.Clock);
        var n = await a.AddAsync("zhangsan", NotificationKind.Overdue, "采购申请");

        var (arrived, release) = robot.HoldNext();
        var first = a.Dispatcher.RunDueAsync(Ct);
        await arrived.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Host A is in the middle of posting: host B finds nothing due.
        Assert.Equal(0, await b.Dispatcher.RunDueAsync(Ct));
        Assert.Single(robot.Bodies);

        release.SetResult();
        Assert.Equal(1, await first);
        Assert.Single(robot.Bodies);
        Assert.Equal(a.Now, (await a.FindAsync(n.Id)).DeliveredAt);
    }

    [Fact]
    public async Task Registration_adds_both_channels_the_dispatcher_and_the_worker()
    {
        await using var h = await NotificationHarness.CreateAsync(new NotificationOptions());

        var channels = h.Get<IEnumerable<INotificationChannel>>().ToList();
        Assert.Equal(["email", "wecom"], channels.Select(c => c.Name));
        Assert.All(channels, c => Assert.False(c.IsEnabled));
        Assert.Same(h.Get<WeComChannel>(), channels[1]);
        Assert.Contains(h.Get<IEnumerable<IHostedService>>(), s => s is NotificationWorker);
        Assert.Equal(TimeSpan.FromSeconds(5), h.Get<NotificationOptions>().PollInterval);
    }
}

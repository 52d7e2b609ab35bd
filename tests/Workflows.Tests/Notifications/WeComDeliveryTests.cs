using System.Text.Json;
using Approvals.Workflows.Notifications;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Tests.Notifications;

/// <summary>WeCom group-robot delivery through real HTTP to a webhook on the loopback.</summary>
public sealed class WeComDeliveryTests : IAsyncLifetime
{
    private readonly WebhookTestServer _robot = new();
    private NotificationHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await NotificationHarness.CreateAsync(new NotificationOptions
    {
        WeCom = new WeComOptions { WebhookUrl = _robot.Url, BaseUrl = "https://oa.example.gov.cn" },
    });

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        await _robot.DisposeAsync();
    }

    [Fact]
    public async Task Overdue_notification_is_posted_as_markdown()
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Overdue, "采购申请：办公用品", taskId: "task9", body: "已超过办理期限 1 天");

        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));

        using var json = JsonDocument.Parse(Assert.Single(_robot.Bodies));
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        var content = json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("**【已超期】采购申请：办公用品**", content);
        Assert.Contains("> 已超过办理期限 1 天", content);
        Assert.Contains("相关人员：张三（13800000001）", content);
        Assert.Contains("[查看详情](https://oa.example.gov.cn/tasks/task9)", content);
        Assert.Equal(_h.Now, (await _h.FindAsync(n.Id)).DeliveredAt);
    }

    [Theory]
    [InlineData("errcode", "93000")]
    [InlineData("status", "HTTP 500")]
    public async Task A_failure_is_retried_after_the_backoff_and_then_delivered(string failure, string expectedError)
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Escalated, "请假申请已升级至分管领导");
        if (failure == "errcode") _robot.FailNextWithErrcode(93000); else _robot.FailNextWithStatus(500);

        Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
        var row = await _h.FindAsync(n.Id);
        Assert.Null(row.DeliveredAt);
        Assert.Equal(1, row.DeliveryAttempts);
        Assert.Equal(_h.Now + TimeSpan.FromMinutes(1), row.NextAttemptAt);
        Assert.StartsWith("wecom: ", row.LastError);
        Assert.Contains(expectedError, row.LastError);
        Assert.DoesNotContain("test-key", row.LastError);
        Assert.Contains(_h.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(n.Id) && e.Message.Contains("wecom"));

        _h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
        Assert.Single(_robot.Bodies);

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));
        Assert.Equal(2, _robot.Bodies.Count);
        row = await _h.FindAsync(n.Id);
        Assert.Equal(_h.Now, row.DeliveredAt);
        Assert.Null(row.LastError);
        Assert.Equal(1, row.DeliveryAttempts);
    }

    [Fact]
    public async Task Assigned_notification_is_not_posted_to_the_group()
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Assigned, "请审批");

        Assert.Equal(1, await _h.Dispatcher.RunDueAsync(Ct));

        Assert.Empty(_robot.Bodies);
        Assert.Equal(_h.Now, (await _h.FindAsync(n.Id)).DeliveredAt);
    }

    [Fact]
    public async Task Five_failures_give_up_and_log_an_error()
    {
        var n = await _h.AddAsync("zhangsan", NotificationKind.Overdue, "采购申请：办公用品");
        for (var i = 0; i < 6; i++) _robot.FailNextWithErrcode(93000);

        TimeSpan[] waits = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
            Assert.Equal(attempt, _robot.Bodies.Count);
            var row = await _h.FindAsync(n.Id);
            Assert.Equal(attempt, row.DeliveryAttempts);
            if (attempt < 5)
            {
                Assert.Null(row.DeliveredAt);
                Assert.Equal(_h.Now + waits[attempt - 1], row.NextAttemptAt);
                _h.Clock.Advance(waits[attempt - 1]);
            }
        }

        var given = await _h.FindAsync(n.Id);
        Assert.Equal(_h.Now, given.DeliveredAt);
        Assert.Contains("93000", given.LastError);
        var error = Assert.Single(_h.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(n.Id, error.Message);
        Assert.Contains("5 attempts", error.Message);

        _h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await _h.Dispatcher.RunDueAsync(Ct));
        Assert.Equal(5, _robot.Bodies.Count);
    }

    [Fact]
    public async Task Reports_post_their_own_markdown_and_hear_about_refusals()
    {
        var channel = _h.Get<WeComChannel>();

        await channel.PostMarkdownAsync("## 11月审批月报\n办结 **42** 件", Ct);
        using (var json = JsonDocument.Parse(Assert.Single(_robot.Bodies)))
            Assert.Equal("## 11月审批月报\n办结 **42** 件", json.RootElement.GetProperty("markdown").GetProperty("content").GetString());

        _robot.FailNextWithErrcode(40058);
        var e = await Assert.ThrowsAsync<WeComException>(() => channel.PostMarkdownAsync("x", Ct));
        Assert.Contains("40058", e.Message);
    }

    [Fact]
    public void The_mobile_number_is_left_out_when_not_wanted()
    {
        var user = new Approvals.Workflows.Organization.OrgUser { Id = "zhangsan", Name = "张三", Mobile = "13800000001" };
        var n = new Notification { Kind = NotificationKind.Overdue, Title = "t" };

        Assert.Contains("相关人员：张三（13800000001）", new WeComChannel(new WeComOptions(), new HttpClient()).Markdown(n, user));
        var without = new WeComChannel(new WeComOptions { MentionByMobile = false }, new HttpClient()).Markdown(n, user);
        Assert.Contains("相关人员：张三\n", without);
        Assert.DoesNotContain("13800000001", without);
    }
}

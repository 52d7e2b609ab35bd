using System.Text.Json;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Notifications;
using static Approvals.Workflows.Tests.Office.Supervision.SupervisionHarness;

namespace Approvals.Workflows.Tests.Office.Supervision;

/// <summary>督查升级阶梯: reminder → chief at the deadline → deputy director one working day later → director and 通报 after three.</summary>
public sealed class SupervisionLadderTests
{
    [Fact]
    public async Task The_ladder_climbs_in_working_days_across_a_weekend()
    {
        // Started Monday 2026-11-02; due Friday 11-06 17:30; the weekend lies between the chief and the deputy director.
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9));
        var id = await h.StartAsync(Form(deadline: "2026-11-06"));
        var work = await h.OpenTaskAsync(id, "work");

        var timers = await h.TimersAsync(id, "work");
        Assert.Equal(Bj(2026, 11, 6, 9, 30).UtcDateTime, timers["reminder"]);     // the morning of the deadline
        Assert.Equal(Bj(2026, 11, 6, 17, 30).UtcDateTime, timers["due"]);
        Assert.Equal(Bj(2026, 11, 6, 17, 30).UtcDateTime, timers["escalate-0"]);  // section chief at the deadline
        Assert.Equal(Bj(2026, 11, 9, 17, 30).UtcDateTime, timers["escalate-1"]);  // Monday: one working day later
        Assert.Equal(Bj(2026, 11, 11, 17, 30).UtcDateTime, timers["escalate-2"]); // Wednesday: three working days later

        await h.AtAsync(Bj(2026, 11, 6, 9, 29));
        Assert.Empty(await h.NotificationsAsync(id, NotificationKind.Reminder));
        await h.AtAsync(Bj(2026, 11, 6, 9, 30));
        var reminder = Assert.Single(await h.NotificationsAsync(id, NotificationKind.Reminder));
        Assert.Equal((Owner, Bj(2026, 11, 6, 9, 30).UtcDateTime), (reminder.UserId, reminder.CreatedAt));

        await h.AtAsync(Bj(2026, 11, 6, 17, 29));
        Assert.Empty(await h.NotificationsAsync(id, NotificationKind.Escalated));
        await h.AtAsync(Bj(2026, 11, 6, 17, 30));
        Assert.Equal(Owner, Assert.Single(await h.NotificationsAsync(id, NotificationKind.Overdue)).UserId);
        AssertEscalated(await h.NotificationsAsync(id, NotificationKind.Escalated), (Chief, Bj(2026, 11, 6, 17, 30)));

        // Saturday and Sunday are not working days: nothing more until Monday evening.
        await h.AtAsync(Bj(2026, 11, 8, 23, 59));
        await h.AtAsync(Bj(2026, 11, 9, 17, 29));
        AssertEscalated(await h.NotificationsAsync(id, NotificationKind.Escalated), (Chief, Bj(2026, 11, 6, 17, 30)));
        await h.AtAsync(Bj(2026, 11, 9, 17, 30));
        AssertEscalated(await h.NotificationsAsync(id, NotificationKind.Escalated), (Chief, Bj(2026, 11, 6, 17, 30)), (Deputy, Bj(2026, 11, 9, 17, 30)));
        Assert.Null((await h.DetailsAsync(id)).State.Properties["reportedOverdue"]);

        await h.AtAsync(Bj(2026, 11, 11, 17, 29));
        Assert.Equal(2, (await h.NotificationsAsync(id, NotificationKind.Escalated)).Count);
        await h.AtAsync(Bj(2026, 11, 11, 17, 30));
        AssertEscalated(await h.NotificationsAsync(id, NotificationKind.Escalated),
            (Chief, Bj(2026, 11, 6, 17, 30)), (Deputy, Bj(2026, 11, 9, 17, 30)), (Director, Bj(2026, 11, 11, 17, 30)));

        // The director rung marks the item for the monthly overdue report, per task and on the case.
        var details = await h.DetailsAsync(id);
        Assert.True(details.State.Properties["reportedOverdue"]!.GetValue<bool>());
        Assert.Equal(Bj(2026, 11, 11, 17, 30).UtcDateTime, details.State.Properties["supervision"]!["reportedOverdueAt"]!.GetValue<DateTime>());
        Assert.Equal(work.Id, Assert.Single(await h.HistoryAsync(id, "ReportedOverdue")).TaskId);
        var overdue = details.State.Outputs["work"]!["overdue"]!;
        Assert.Equal(("郑爽", "信息科", "2026-11-06", 3, "周文华"),
            (overdue["ownerName"]!.GetValue<string>(), overdue["sectionName"]!.GetValue<string>(), overdue["deadline"]!.GetValue<string>(),
             overdue["workingDaysLate"]!.GetValue<int>(), overdue["directorName"]!.GetValue<string>()));
        // WeCom is not configured here: the group notice is skipped and says so in the journal; the item stays open.
        Assert.Contains(details.Journal, j => j.ActivityId == "notifyGroup" && j.Kind == JournalKind.Note && j.Message!.Contains("not configured"));
        Assert.Equal(InstanceStatus.Suspended, details.Instance.Status);
        Assert.Equal(work.Id, (await h.OpenTaskAsync(id, "work")).Id);

        // Late, but done: the ladder's timers go with the step.
        await h.SubmitResultAsync(id);
        Assert.Empty(await h.TimersAsync(id, "work"));
    }

    [Fact]
    public async Task Across_National_Day_the_director_is_told_on_the_working_Saturday_and_the_office_group_hears_of_it()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(Bj(2026, 9, 28, 9), robot.Url);
        var id = await h.StartAsync(Form(deadline: "2026-09-30"));

        var timers = await h.TimersAsync(id, "work");
        Assert.Equal(Bj(2026, 9, 30, 17, 30).UtcDateTime, timers["escalate-0"]);
        Assert.Equal(Bj(2026, 10, 8, 17, 30).UtcDateTime, timers["escalate-1"]);  // 10-01..10-07 are holidays
        Assert.Equal(Bj(2026, 10, 10, 17, 30).UtcDateTime, timers["escalate-2"]); // Saturday 10-10 is a working day (调休)

        await h.AtAsync(Bj(2026, 10, 7, 12));
        Assert.Equal([Chief], (await h.NotificationsAsync(id, NotificationKind.Escalated)).Select(n => n.UserId));
        await h.AtAsync(Bj(2026, 10, 10, 17, 30));
        Assert.Equal([Chief, Deputy, Director], (await h.NotificationsAsync(id, NotificationKind.Escalated)).Select(n => n.UserId));

        using var body = JsonDocument.Parse(Assert.Single(robot.Bodies));
        var text = body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("督办件逾期通报", text);
        Assert.Contains("督办事项：推进老旧小区改造", text);
        Assert.Contains("督办来源：主要领导批示", text);
        Assert.Contains("责任科室：信息科，责任人：郑爽", text);
        Assert.Contains("办结期限：2026-09-30，已逾期 **3** 个工作日", text);
        Assert.Contains("已告知周文华主任", text);
        Assert.Equal(InstanceStatus.Suspended, (await h.DetailsAsync(id)).Instance.Status);
    }

    [Fact]
    public async Task Work_done_before_the_deadline_escalates_to_nobody()
    {
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9));
        var id = await h.StartAsync(Form(deadline: "2026-11-06"));
        await h.SubmitResultAsync(id);
        await h.AtAsync(Bj(2026, 11, 20, 9));

        Assert.Empty(await h.NotificationsAsync(id, NotificationKind.Escalated, Director));
        Assert.Empty(await h.NotificationsAsync(id, NotificationKind.Escalated, Deputy));
        Assert.Null((await h.DetailsAsync(id)).State.Properties["reportedOverdue"]);
    }

    private static void AssertEscalated(List<Notification> escalated, params (string User, DateTimeOffset At)[] expected)
    {
        Assert.Equal(expected.Select(e => (e.User, e.At.UtcDateTime)), escalated.Select(n => (n.UserId, n.CreatedAt)));
        Assert.All(escalated, n => Assert.StartsWith("【逾期升级】督办：推进老旧小区改造", n.Title));
    }
}

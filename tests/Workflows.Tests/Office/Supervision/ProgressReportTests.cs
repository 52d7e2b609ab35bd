using System.Text.Json.Nodes;
using Approvals.Activities.Supervision;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using static Approvals.Workflows.Tests.Office.Supervision.SupervisionHarness;

namespace Approvals.Workflows.Tests.Office.Supervision;

/// <summary>Recurring progress reports (进展报告) beside the owner's work, until the item is done.</summary>
public sealed class ProgressReportTests
{
    [Fact]
    public async Task Weekly_report_tasks_appear_on_the_rhythm_and_stop_when_the_item_is_done()
    {
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9)); // Monday
        var id = await h.StartAsync(Form(deadline: "2026-11-30", rhythm: "weekly"));
        Assert.Empty(await h.TasksAsync(id, "progress"));
        Assert.Equal(Bj(2026, 11, 9, 9).UtcDateTime, (await h.TimersAsync(id, "rhythm"))["due"]);

        await h.AtAsync(Bj(2026, 11, 9, 8, 59));
        Assert.Empty(await h.TasksAsync(id, "progress"));
        await h.AtAsync(Bj(2026, 11, 9, 9));
        var first = await h.OpenTaskAsync(id, "progress");
        Assert.Equal((Owner, "进展报告：推进老旧小区改造"), (first.AssigneeId, first.Title));
        Assert.Equal(Bj(2026, 11, 9, 17, 30).UtcDateTime, first.DueAt); // 当日报送
        Assert.Equal(Bj(2026, 11, 9, 9).UtcDateTime, first.CreatedAt);

        await h.ActAsync(Owner, TaskActionKinds.Approve, first.Id, data: new JsonObject { ["progress"] = "已完成 3 个小区的摸底。", ["nextSteps"] = "下周完成方案初稿。" });
        Assert.Equal("已完成 3 个小区的摸底。", (await h.DetailsAsync(id)).State.Outputs["progress"]!["data"]!["progress"]!.GetValue<string>());
        Assert.Equal(Bj(2026, 11, 16, 9).UtcDateTime, (await h.TimersAsync(id, "rhythm"))["due"]);

        await h.AtAsync(Bj(2026, 11, 16, 9));
        var second = await h.OpenTaskAsync(id, "progress");
        Assert.NotEqual(first.Id, second.Id);

        // The item is done while the second report is still open: the branch closes with the case.
        await h.SubmitResultAsync(id);
        await h.VerifyAsync(id, accept: true);
        var details = await h.DetailsAsync(id);
        Assert.Equal(InstanceStatus.Finished, details.Instance.Status);
        Assert.Empty(details.Timers);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TasksAsync(id, "progress")).Single(t => t.Id == second.Id).Status);

        await h.AtAsync(Bj(2026, 11, 30, 9));
        Assert.Equal(2, (await h.TasksAsync(id, "progress")).Count);
    }

    [Fact]
    public async Task A_late_report_does_not_pile_up_tasks_nor_shift_the_rhythm()
    {
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9));
        var id = await h.StartAsync(Form(deadline: "2026-12-31", rhythm: "weekly"));
        await h.AtAsync(Bj(2026, 11, 9, 9));
        var first = await h.OpenTaskAsync(id, "progress");

        // Reported ten days late: one task meanwhile, and the next slot is the next Monday, not ten days on.
        await h.AtAsync(Bj(2026, 11, 19, 10));
        Assert.Single(await h.TasksAsync(id, "progress"));
        await h.ActAsync(Owner, TaskActionKinds.Approve, first.Id, data: new JsonObject { ["progress"] = "补报。" });
        Assert.Equal(Bj(2026, 11, 23, 9).UtcDateTime, (await h.TimersAsync(id, "rhythm"))["due"]);
    }

    [Theory]
    // weekly from Thursday 09-24: 10-01 is National Day, so the report moves to Thursday 10-08
    [InlineData("2026-09-24", "weekly", "2026-09-25", "2026-10-08")]
    // biweekly from Saturday 09-26 (a holiday): 10-10 is the 调休 working Saturday
    [InlineData("2026-09-26", "biweekly", "2026-09-27", "2026-10-10")]
    // monthly from 09-01: 10-01 is a holiday, so 10-08; then 11-02 (11-01 is a Sunday)
    [InlineData("2026-09-01", "monthly", "2026-09-02", "2026-10-08")]
    [InlineData("2026-09-01", "monthly", "2026-10-09", "2026-11-02")]
    // an ISO duration of whole days
    [InlineData("2026-11-02", "P3D", "2026-11-02", "2026-11-05")]
    [InlineData("2026-11-02", "P3D", "2026-11-06", "2026-11-09")] // 11-08 is a Sunday
    public void Report_days_are_anchored_on_the_start_and_moved_past_holidays(string anchor, string rhythm, string now, string expected)
    {
        var calendar = BusinessCalendar.FromDirectory(Path.Combine(EngineHarness.RepoRoot, "workflows", "calendar"));
        var next = RhythmSchedule.Next(Day(anchor, 10), Day(now, 10), rhythm, new TimeOnly(9, 0), calendar, calendar.TimeZone);
        Assert.Equal(Day(expected, 9), next);
    }

    [Theory]
    [InlineData("daily-ish")]
    [InlineData("PT4H")]
    public void An_unknown_rhythm_is_a_fault_of_the_flow(string rhythm)
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            RhythmSchedule.Next(Day("2026-11-02", 9), Day("2026-11-02", 10), rhythm, new TimeOnly(9, 0), null, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Assert.Contains(rhythm, e.Message);
    }

    private static DateTimeOffset Day(string date, int hour)
    {
        var d = DateOnly.Parse(date);
        return Bj(d.Year, d.Month, d.Day, hour);
    }
}

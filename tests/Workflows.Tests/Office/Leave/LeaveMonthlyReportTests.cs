using Approvals.Activities.Leave;
using Approvals.Activities.Reports;
using Approvals.Workflows.Office;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Workflows.Tests.Office.Leave.LeaveHarness;

namespace Approvals.Workflows.Tests.Office.Leave;

/// <summary>月度请假统计: per person and type, working days inside the month, who has not reported back.</summary>
public sealed class LeaveMonthlyReportTests
{
    private static LeaveRecord Record(string user, string type, DateTime startLocal, DateTime endLocal, decimal days, DateTime? backLocal) => new()
    {
        Id = Guid.NewGuid().ToString("N"), InstanceId = Guid.NewGuid().ToString("N"), UserId = user, LeaveType = type,
        Start = Utc(startLocal), End = Utc(endLocal), WorkingDays = days, HandOverTo = "huangli", RecordedBy = Hr,
        RecordedAt = Utc(startLocal).AddDays(-1), ReportedBackAt = backLocal is { } b ? Utc(b) : null,
    };

    private static async Task<LeaveHarness> SeededAsync()
    {
        var h = await CreateAsync(new DateTime(2026, 12, 1, 9, 0, 0));
        await using var ctx = h.Engine.Db.Create();
        ctx.LeaveRecords.AddRange(
            Record(Applicant, "annual", new(2026, 11, 3), new(2026, 11, 4), 1, new(2026, 11, 4, 8, 45, 0)),
            Record(Applicant, "annual", new(2026, 11, 10), new(2026, 11, 12), 2, new(2026, 11, 12, 9, 0, 0)),
            // Planned Mon 16th – Fri 20th, back on Wednesday at 09:00: 16th, 17th and the morning of the 18th.
            Record(Applicant, "annual", new(2026, 11, 16), new(2026, 11, 21), 5, new(2026, 11, 18, 9, 0, 0)),
            // Mon 30 Nov – Wed 2 Dec: one day in November, two in December.
            Record(Applicant, "sick", new(2026, 11, 30), new(2026, 12, 3), 3, null),
            // Thu 29 Oct – Tue 3 Nov, never reported back: Mon 2 and Tue 3 count in November.
            Record(Colleague, "personal", new(2026, 10, 29), new(2026, 11, 4), 4, null),
            Record("liuyang", "annual", new(2026, 11, 5, 13, 30, 0), new(2026, 11, 5, 17, 30, 0), 0.5m, new(2026, 11, 6, 8, 40, 0)),
            Record("liuyang", "annual", new(2026, 12, 7), new(2026, 12, 8), 1, null));
        await ctx.SaveChangesAsync();
        return h;
    }

    [Fact]
    public async Task November_counts_each_person_and_type_with_the_working_days_inside_the_month()
    {
        await using var h = await SeededAsync();
        var report = await h.Engine.Get<LeaveMonthlyReport>().BuildAsync(2026, 11);

        var lines = report.Rows.OfType<LeaveStatisticsRow>().Select(r => (r.UserId, r.LeaveType, r.Count, r.WorkingDays)).ToList();
        Assert.Equal(
        [
            ("liuyang", "annual", 1, 0.5m),        // 秘书科 first: the office's directory order
            (Colleague, "personal", 1, 2m),
            (Applicant, "annual", 3, 5.5m),        // then the form's order of leave types
            (Applicant, "sick", 1, 1m),
        ], lines);
        var notBack = Assert.Single(report.Rows.OfType<LeaveNotReportedBackRow>());
        Assert.Equal((Colleague, new DateOnly(2026, 11, 3), true), (notBack.UserId, notBack.LastDay, notBack.Overdue));
        Assert.Equal(Utc(new DateTime(2026, 11, 4, 17, 30, 0)), notBack.ReportBackDueAt);

        Assert.Contains("| 杨帆 | 综合科 | 年休假 | 3 | 5.5 |", report.Markdown);
        Assert.Contains("| 黄丽 | 综合科 | 事假 | 1 | 2 |", report.Markdown);
        Assert.Contains("合计 3 人、6 人次、9 个工作日", report.Markdown);
        Assert.Contains("未销假", report.Markdown);
        Assert.Equal(("leave", 2026, 11), (report.Key, report.Year, report.Month));
    }

    [Fact]
    public async Task December_counts_the_rest_of_a_leave_that_began_in_November()
    {
        await using var h = await SeededAsync();
        var report = await h.Engine.Get<LeaveMonthlyReport>().BuildAsync(2026, 12);
        Assert.Equal([("liuyang", "annual", 1, 1m), (Applicant, "sick", 1, 2m)],
            report.Rows.OfType<LeaveStatisticsRow>().Select(r => (r.UserId, r.LeaveType, r.Count, r.WorkingDays)).ToList());
        Assert.Empty(report.Rows.OfType<LeaveNotReportedBackRow>()); // neither has ended yet on 1 December
    }

    [Fact]
    public async Task A_leave_filed_through_the_flow_appears_in_the_report_which_is_registered_for_the_reports_api()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-03", "2026-11-03", type: "sick");
        await h.ApproveAndFileAsync(id, "chief1");

        var report = Assert.Single(h.Engine.Get<IEnumerable<IMonthlyReport>>(), r => r.Key == "leave");
        var built = await report.BuildAsync(2026, 11);
        var line = Assert.Single(built.Rows.OfType<LeaveStatisticsRow>());
        Assert.Equal((Applicant, "杨帆", "综合科", "病假", 1, 1m), (line.UserId, line.Name, line.Section, line.LeaveTypeZh, line.Count, line.WorkingDays));
        Assert.Empty(built.Rows.OfType<LeaveNotReportedBackRow>()); // the leave has not ended yet
        Assert.Contains("本月无请假", (await report.BuildAsync(2026, 10)).Markdown);
    }
}

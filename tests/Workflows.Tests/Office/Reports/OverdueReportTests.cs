using System.Text.Json.Nodes;
using Approvals.Activities.Reports;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using Approvals.Workflows.Tests.Office.Supervision;
using static Approvals.Workflows.Tests.Office.Supervision.SupervisionHarness;

namespace Approvals.Workflows.Tests.Office.Reports;

/// <summary>逾期事项月度通报: rows per section and owner, working days late, director and 通报 marks, markdown for the group.</summary>
public sealed class OverdueReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervision_item_that_reached_the_director_and_a_plain_overdue_task_are_reported_per_section_and_owner()
    {
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9));
        // A supervision item due Friday 11-06, done Thursday 11-12 after the director was told (Wednesday evening).
        var item = await h.StartAsync(Form(deadline: "2026-11-06"));
        // Another flow's task for 宋杰 (人事科), due in an hour and never done.
        await h.Engine.PublishAsync(new FlowBuilder("hr-check")
            .Activity("start", "Start")
            .Activity("check", "UserTask", """{ "assignment": { "strategy": "users", "users": ["songjie"] }, "title": "核对考勤", "deadline": { "kind": "duration", "value": "PT1H" } }""")
            .Activity("end", "End").Connect("start", "Done", "check").Connect("check", "Approved", "end").Build());
        await h.Engine.Runtime.StartAsync("hr-check", new JsonObject(), "linyan", Ct);

        await h.AtAsync(Bj(2026, 11, 11, 17, 30));
        h.Clock.SetUtcNow(Bj(2026, 11, 12, 10));
        await h.SubmitResultAsync(item);
        await h.VerifyAsync(item, accept: true);

        h.Clock.SetUtcNow(Bj(2026, 12, 1, 9));
        var report = await h.Engine.Get<IEnumerable<IMonthlyReport>>().Single(r => r.Key == "overdue").BuildAsync(2026, 11, Ct);

        Assert.Equal(("overdue", 2026, 11), (report.Key, report.Year, report.Month));
        var rows = report.Rows.Cast<OverdueOwnerRow>().ToList();
        Assert.Equal(["信息科", "人事科"], rows.Select(r => r.SectionName)); // in the organisation's section order

        var info = rows[0];
        Assert.Equal(("information", Owner, "郑爽", 1, 1, 0), (info.SectionId, info.OwnerId, info.OwnerName, info.Count, info.SupervisionCount, info.StillOpen));
        var late = Assert.Single(info.Items);
        Assert.Equal("督办：推进老旧小区改造", late.Title);
        Assert.Equal("督查督办", late.FlowName);
        Assert.Equal(4, late.WorkingDaysLate); // Mon 9, Tue 10, Wed 11, Thu 12
        Assert.True(late.IsSupervision && late.EscalatedToDirector && late.ReportedOverdue && !late.StillOpen);
        Assert.Equal((4, 4, 1, 1), (info.MaxWorkingDaysLate, info.TotalWorkingDaysLate, info.EscalatedToDirector, info.ReportedOverdue));

        var hr = rows[1];
        Assert.Equal(("songjie", "宋杰", 1, 0, 1), (hr.OwnerId, hr.OwnerName, hr.Count, hr.SupervisionCount, hr.StillOpen));
        var open = Assert.Single(hr.Items);
        Assert.Equal(20, open.WorkingDaysLate); // 11-03 … 11-30: twenty working days, counted to the month's end
        Assert.False(open.IsSupervision || open.EscalatedToDirector || open.ReportedOverdue);

        Assert.StartsWith("## 2026年11月 逾期事项通报（含督办件）", report.Markdown);
        Assert.Contains("逾期事项 **2** 件（其中督办件 1 件），月底仍未办结 1 件", report.Markdown);
        Assert.Contains("**信息科**\n- 郑爽：逾期 1 件（督办件 1 件），最长 4 个工作日", report.Markdown);
        Assert.Contains("督办：推进老旧小区改造（4 个工作日，<font color=\"warning\">已报主任</font>，<font color=\"warning\">列入通报</font>）", report.Markdown);
        Assert.Contains("**人事科**\n- 宋杰：逾期 1 件，最长 20 个工作日，仍未办结 1 件", report.Markdown);
    }

    [Fact]
    public async Task Work_done_on_time_and_other_months_are_not_reported()
    {
        await using var h = await CreateAsync(Bj(2026, 11, 2, 9));
        var item = await h.StartAsync(Form(deadline: "2026-11-06"));
        await h.SubmitResultAsync(item);
        await h.VerifyAsync(item, accept: true);
        h.Clock.SetUtcNow(Bj(2026, 12, 1, 9));
        var overdue = h.Engine.Get<IEnumerable<IMonthlyReport>>().Single(r => r.Key == "overdue");

        var november = await overdue.BuildAsync(2026, 11, Ct);
        var october = await overdue.BuildAsync(2026, 10, Ct);

        Assert.Empty(november.Rows);
        Assert.Contains("本月无逾期事项", november.Markdown);
        Assert.Empty(october.Rows);
    }

    [Fact]
    public async Task A_task_late_across_the_month_end_counts_in_both_months_up_to_each_end()
    {
        await using var h = await CreateAsync(Bj(2026, 10, 26, 9));
        var item = await h.StartAsync(Form(deadline: "2026-10-28"));
        h.Clock.SetUtcNow(Bj(2026, 11, 4, 10));
        await h.SubmitResultAsync(item);
        var overdue = h.Engine.Get<IEnumerable<IMonthlyReport>>().Single(r => r.Key == "overdue");

        var october = Assert.Single((await overdue.BuildAsync(2026, 10, Ct)).Rows.Cast<OverdueOwnerRow>()).Items.Single();
        var november = Assert.Single((await overdue.BuildAsync(2026, 11, Ct)).Rows.Cast<OverdueOwnerRow>()).Items.Single();

        Assert.Equal((2, true), (october.WorkingDaysLate, october.StillOpen));    // 10-29, 10-30
        Assert.Equal((5, false), (november.WorkingDaysLate, november.StillOpen)); // … 11-02, 11-03, 11-04
    }
}

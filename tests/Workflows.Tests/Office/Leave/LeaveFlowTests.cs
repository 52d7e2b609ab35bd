using System.Text.Json.Nodes;
using Approvals.Activities.Leave;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using static Approvals.Workflows.Tests.Office.Leave.LeaveHarness;

namespace Approvals.Workflows.Tests.Office.Leave;

/// <summary>The shipped 请销假 flow end to end (rule 4).</summary>
public sealed class LeaveFlowTests
{
    [Fact]
    public void The_shipped_flow_is_canonical_and_its_thresholds_are_on_the_check_step()
    {
        var text = File.ReadAllText(Path.Combine(EngineHarness.RepoRoot, "workflows", "leave-request.json"));
        Assert.Equal(text, WorkflowJson.Serialize(WorkflowJson.Parse(text)));
        var check = Assert.Single(LoadShippedFlow().Activities, a => a.Type == "LeaveAdvanceCheck");
        Assert.Equal(1, check.Inputs["chiefMaxDays"]!.GetValue<int>());
        Assert.Equal(3, check.Inputs["deputyMaxDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_one_day_leave_needs_the_chief_then_HR_files_it_the_delegate_covers_and_the_applicant_reports_back()
    {
        await using var h = await CreateAsync(); // Monday 2026-11-02 09:00
        var id = await h.StartAsync("2026-11-03", "2026-11-03");

        var chief = await h.OpenTaskAsync(id, "chief1");
        Assert.Equal(Chief, chief.AssigneeId);
        Assert.Equal(Utc(new DateTime(2026, 11, 2, 17, 30, 0)), chief.DueAt); // 文不过夜
        Assert.Equal(1, (await h.Engine.GetAsync(id)).State.Variables["leaveDays"]!.GetValue<decimal>());
        await h.ApproveAsync(id, "chief1", Chief);

        var filing = await h.OpenTaskAsync(id, "hrFiling");
        Assert.Null(filing.AssigneeId);
        Assert.Equal("hr", filing.PoolSectionId);
        await h.ApproveAsync(id, "hrFiling", Hr);

        var record = Assert.IsType<Approvals.Workflows.Office.LeaveRecord>(await h.RecordAsync(id));
        Assert.Equal((Applicant, "annual", 1m, Colleague, Hr), (record.UserId, record.LeaveType, record.WorkingDays, record.HandOverTo, record.RecordedBy));
        Assert.Equal(Utc(new DateTime(2026, 11, 3, 0, 0, 0)), record.Start);
        Assert.Equal(Utc(new DateTime(2026, 11, 4, 0, 0, 0)), record.End);
        Assert.Null(record.ReportedBackAt);
        var away = Assert.IsType<OutOfOffice>(await h.AwayAsync(id));
        Assert.Equal((Applicant, Colleague, record.Start, record.End), (away.UserId, away.DelegateId, away.From, away.To));
        Assert.Empty(await h.OpenAsync(id));

        // During the leave a task for the applicant goes to the hand-over colleague, on their behalf.
        await h.AdvanceToAsync(new DateTime(2026, 11, 3, 10, 0, 0));
        Assert.Equal(Colleague, await h.Engine.Get<IOrganization>().DelegateForAsync(Applicant, h.Clock.GetUtcNow()));
        await h.Engine.PublishAsync(new FlowBuilder("for-yangfan").Activity("start", "Start")
            .Activity("do", "UserTask", $$"""{ "assignment": { "strategy": "users", "users": ["{{Applicant}}"] } }""")
            .Activity("end", "End").Connect("start", "Done", "do").Connect("do", "Approved", "end").Build());
        var other = (await h.Runtime.StartAsync("for-yangfan", new JsonObject(), Chief)).Id;
        var covered = Assert.Single(await h.OpenAsync(other));
        Assert.Equal((Colleague, Applicant), (covered.AssigneeId, covered.OnBehalfOf));

        // At the end of the leave (00:00 after the last day) the 销假 task is the applicant's own, due that working day.
        await h.AdvanceToAsync(new DateTime(2026, 11, 4, 0, 0, 0));
        var back = await h.OpenTaskAsync(id, "reportBack");
        Assert.Equal(Applicant, back.AssigneeId);
        Assert.Null(back.OnBehalfOf);
        Assert.Equal(Utc(new DateTime(2026, 11, 4, 17, 30, 0)), back.DueAt);

        await h.AdvanceToAsync(new DateTime(2026, 11, 4, 8, 50, 0));
        await h.ActAsync(Applicant, TaskActionKinds.Approve, back.Id, "已返岗");
        var done = await h.InstanceAsync(id);
        Assert.Equal((InstanceStatus.Finished, "Approved"), (done.Status, done.Result));
        Assert.Equal(Utc(new DateTime(2026, 11, 4, 8, 50, 0)), (await h.RecordAsync(id))!.ReportedBackAt);
        Assert.Equal(record.End, (await h.AwayAsync(id))!.To); // already over: not extended, not moved
    }

    [Theory]
    [InlineData("2026-11-03", "2026-11-03", 1, "chief1")]
    [InlineData("2026-11-03", "2026-11-04", 2, "chief2,deputy2")]
    [InlineData("2026-11-03", "2026-11-05", 3, "chief2,deputy2")]
    [InlineData("2026-11-03", "2026-11-09", 5, "chief3,deputy3,director3")] // Tue–Mon over a weekend
    public async Task The_length_in_working_days_decides_who_approves(string start, string end, int days, string steps)
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync(start, end);
        Assert.Equal(days, (await h.Engine.GetAsync(id)).State.Variables["leaveDays"]!.GetValue<decimal>());
        foreach (var step in steps.Split(','))
        {
            var approver = step.StartsWith("chief") ? Chief : step.StartsWith("deputy") ? Deputy : Director;
            Assert.Equal(approver, (await h.OpenTaskAsync(id, step)).AssigneeId);
            await h.ApproveAsync(id, step, approver);
        }
        await h.ApproveAsync(id, "hrFiling", Hr);
        Assert.Equal(days, (await h.RecordAsync(id))!.WorkingDays);
    }

    [Fact]
    public async Task A_chiefs_leave_is_not_approved_twice_by_the_same_deputy_and_the_directors_own_leave_goes_straight_to_HR()
    {
        await using var h = await CreateAsync();
        var chiefs = await h.StartAsync("2026-11-03", "2026-11-04", applicant: Chief);
        await h.ApproveAsync(chiefs, "chief2", Deputy); // a chief's chief is the responsible deputy director …
        Assert.Equal("hrFiling", Assert.Single(await h.OpenAsync(chiefs)).ActivityId); // … who is not asked again

        var directors = await h.StartAsync("2026-11-03", "2026-11-09", applicant: Director);
        Assert.Equal("hrFiling", Assert.Single(await h.OpenAsync(directors)).ActivityId);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-10-09", 3, "chief2")]    // 9-30, 10-8, 10-9: the National Day week is off
    [InlineData("2026-09-30", "2026-10-10", 4, "chief3")]    // + Saturday 10-10, a 调休 working day
    [InlineData("2026-10-01", "2026-10-07", 0, null)]        // only holidays: refused
    public async Task Working_days_follow_the_calendar_across_the_National_Day_holiday(string start, string end, int days, string? firstStep)
    {
        await using var h = await CreateAsync(new DateTime(2026, 9, 28, 9, 0, 0));
        if (firstStep is null)
        {
            var refused = await Assert.ThrowsAsync<ApprovalException>(() => h.StartAsync(start, end));
            Assert.Equal("leave-no-working-day", refused.Code);
            return;
        }
        var id = await h.StartAsync(start, end);
        Assert.Equal(days, (await h.Engine.GetAsync(id)).State.Variables["leaveDays"]!.GetValue<decimal>());
        Assert.Equal(Chief, (await h.OpenTaskAsync(id, firstStep)).AssigneeId);
    }

    [Fact]
    public async Task A_leave_starting_yesterday_is_refused_at_submission_and_nothing_is_saved()
    {
        await using var h = await CreateAsync(new DateTime(2026, 11, 3, 9, 0, 0)); // Tuesday
        var refused = await Assert.ThrowsAsync<ApprovalException>(() => h.StartAsync("2026-11-02", "2026-11-04"));
        Assert.Equal((ErrorKind.Invalid, "leave-start-past"), (refused.Kind, refused.Code));
        Assert.Contains("事前", refused.Text.ZhCN);
        Assert.Contains("2026-11-02", refused.Text.ZhCN);
        Assert.Contains("in advance", refused.Text.En);
        Assert.Equal(0, await h.CountAsync<WorkflowInstance>());
        Assert.Equal(0, await h.CountAsync<HumanTask>());
        Assert.Equal(0, await h.CountAsync<Approvals.Workflows.Office.LeaveRecord>());

        // Today is still in time (decided: a whole-day leave may be asked for on the morning it begins).
        Assert.NotNull(await h.StartAsync("2026-11-03", "2026-11-03"));
    }

    [Fact]
    public async Task An_end_before_the_start_or_the_applicant_as_hand_over_is_refused()
    {
        await using var h = await CreateAsync();
        Assert.Equal("leave-end-before-start", (await Assert.ThrowsAsync<ApprovalException>(() => h.StartAsync("2026-11-05", "2026-11-04"))).Code);
        var self = await Assert.ThrowsAsync<ApprovalException>(() =>
            h.Runtime.StartAsync("leave-request", Form("2026-11-05", "2026-11-05", handOver: Applicant), Applicant));
        Assert.Equal("leave-handover-self", self.Code);
        Assert.Equal(0, await h.CountAsync<WorkflowInstance>());
    }

    [Fact]
    public async Task A_rejection_ends_the_request_as_rejected_without_a_record()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-03", "2026-11-04");
        await h.ApproveAsync(id, "chief2", Chief);
        var deputy = await h.OpenTaskAsync(id, "deputy2");
        await h.ActAsync(Deputy, TaskActionKinds.Reject, deputy.Id, "近期工作任务重，请另行安排");
        var ended = await h.InstanceAsync(id);
        Assert.Equal((InstanceStatus.Finished, "Rejected"), (ended.Status, ended.Result));
        Assert.Null(await h.RecordAsync(id));
        Assert.Null(await h.AwayAsync(id));
    }

    [Fact]
    public async Task A_returned_request_is_revised_and_goes_through_the_check_and_the_reviews_again()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-03", "2026-11-03");
        var chief = await h.OpenTaskAsync(id, "chief1");
        await h.ActAsync(Chief, TaskActionKinds.Return, chief.Id, "请改为周四、周五两天");

        var revise = await h.OpenTaskAsync(id, "revise");
        Assert.Equal(Applicant, revise.AssigneeId);
        Assert.Contains(await h.NotificationsAsync(Applicant), n => n.Kind == NotificationKind.Returned);

        // Days later the old start has passed: resubmitting it unchanged is refused by the check, and nothing moves.
        await h.AdvanceToAsync(new DateTime(2026, 11, 4, 9, 0, 0));
        var refused = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Applicant, TaskActionKinds.Approve, revise.Id, "重新提交"));
        Assert.Equal("leave-start-past", refused.Code);
        Assert.Equal(revise.Id, (await h.OpenTaskAsync(id, "revise")).Id);

        await h.ActAsync(Applicant, TaskActionKinds.Approve, revise.Id, "已按意见修改",
            new JsonObject { ["start"] = "2026-11-05", ["end"] = "2026-11-06" });
        Assert.Equal(2, (await h.Engine.GetAsync(id)).State.Variables["leaveDays"]!.GetValue<decimal>());
        await h.ApproveAndFileAsync(id, "chief2", "deputy2");
        var record = (await h.RecordAsync(id))!;
        Assert.Equal((Utc(new DateTime(2026, 11, 5, 0, 0, 0)), 2m), (record.Start, record.WorkingDays));
    }

    [Fact]
    public async Task The_applicant_may_withdraw_a_returned_request()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-03", "2026-11-03");
        await h.ActAsync(Chief, TaskActionKinds.Return, (await h.OpenTaskAsync(id, "chief1")).Id, "事由不清");
        await h.ActAsync(Applicant, TaskActionKinds.Reject, (await h.OpenTaskAsync(id, "revise")).Id, "不请了");
        Assert.Equal("Withdrawn", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Not_reporting_back_within_one_working_day_reminds_the_chief()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-06", "2026-11-06"); // Friday: back on Monday
        await h.ApproveAndFileAsync(id, "chief1");

        await h.AdvanceToAsync(new DateTime(2026, 11, 7, 0, 0, 0));
        var back = await h.OpenTaskAsync(id, "reportBack");
        Assert.Equal(Utc(new DateTime(2026, 11, 9, 17, 30, 0)), back.DueAt); // the first working day back

        await h.AdvanceToAsync(new DateTime(2026, 11, 9, 17, 0, 0));
        Assert.Contains(await h.NotificationsAsync(Applicant), n => n.Kind == NotificationKind.Reminder && n.TaskId == back.Id);
        Assert.DoesNotContain(await h.NotificationsAsync(Chief), n => n.Kind == NotificationKind.Escalated);

        await h.AdvanceToAsync(new DateTime(2026, 11, 9, 17, 30, 0));
        var escalated = Assert.Single(await h.NotificationsAsync(Chief), n => n.Kind == NotificationKind.Escalated);
        Assert.Equal((id, back.Id), (escalated.InstanceId, escalated.TaskId));
        Assert.Contains("销假", escalated.Title);

        // Late, but still done: the record shows when.
        await h.AdvanceToAsync(new DateTime(2026, 11, 10, 9, 0, 0));
        await h.ActAsync(Applicant, TaskActionKinds.Approve, back.Id);
        Assert.Equal(Utc(new DateTime(2026, 11, 10, 9, 0, 0)), (await h.RecordAsync(id))!.ReportedBackAt);
    }

    [Fact]
    public async Task Reporting_back_early_ends_the_out_of_office_period_then()
    {
        await using var h = await CreateAsync();
        var id = await h.StartAsync("2026-11-03", "2026-11-04");
        await h.ApproveAndFileAsync(id, "chief2", "deputy2");
        await h.AdvanceToAsync(new DateTime(2026, 11, 3, 14, 0, 0));

        var stranger = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.SignalAsync(LeaveAwaitReturn.Signal, id, null, Colleague));
        Assert.Equal("leave-not-applicant", stranger.Code);

        Assert.Equal([id], await h.Runtime.SignalAsync(LeaveAwaitReturn.Signal, id, null, Applicant));
        var done = await h.InstanceAsync(id);
        Assert.Equal((InstanceStatus.Finished, "Approved"), (done.Status, done.Result));
        var now = Utc(new DateTime(2026, 11, 3, 14, 0, 0));
        Assert.Equal(now, (await h.RecordAsync(id))!.ReportedBackAt);
        Assert.Equal(now, (await h.AwayAsync(id))!.To);
        Assert.Null(await h.Engine.Get<IOrganization>().DelegateForAsync(Applicant, h.Clock.GetUtcNow()));
        Assert.Empty(await h.OpenAsync(id));
    }
}

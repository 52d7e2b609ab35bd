using System.Text.Json.Nodes;
using Approvals.Activities.Supervision;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using static Approvals.Workflows.Tests.Office.Supervision.SupervisionHarness;

namespace Approvals.Workflows.Tests.Office.Supervision;

/// <summary>The shipped 督查督办 flow end to end: owner, result report, 督查室 verification and its return loop.</summary>
public sealed class SupervisionFlowTests
{
    // Monday 2026-11-02 09:00 in Beijing.
    private static readonly DateTimeOffset Monday = Bj(2026, 11, 2, 9);

    [Fact]
    public async Task Happy_path_owner_reports_the_result_and_the_supervision_office_accepts_it()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync();

        var work = await h.OpenTaskAsync(id, "work");
        Assert.Equal(Owner, work.AssigneeId);
        Assert.Equal("督办：推进老旧小区改造", work.Title);
        Assert.Equal(Bj(2026, 11, 6, 17, 30).UtcDateTime, work.DueAt); // end of the deadline's working day
        Assert.Contains(await h.NotificationsAsync(id, NotificationKind.Assigned, Owner), n => n.TaskId == work.Id);

        await h.SubmitResultAsync(id);
        var verify = await h.OpenTaskAsync(id, "verify");
        Assert.Null(verify.AssigneeId);
        Assert.Equal("督查验收：推进老旧小区改造", verify.Title);
        Assert.Equal(Bj(2026, 11, 4, 9).UtcDateTime, verify.DueAt); // two working days

        await h.VerifyAsync(id, accept: true);

        var details = await h.DetailsAsync(id);
        Assert.Equal(InstanceStatus.Finished, details.Instance.Status);
        Assert.Equal("Finished", details.Instance.Result);
        Assert.Empty(details.Bookmarks);
        Assert.Empty(details.Timers);
        Assert.Empty(await h.TasksAsync(id, status: HumanTaskStatus.Open));
        var record = details.State.Properties["supervision"]!;
        Assert.Equal(Owner, record["owner"]!.GetValue<string>());
        Assert.Equal("2026-11-06", record["originalDeadline"]!.GetValue<string>());
        Assert.Equal(1, record["rounds"]!.GetValue<int>());
        Assert.Equal("luoxin", record["verifiedBy"]!.GetValue<string>());
        Assert.Equal("已完成方案并报区政府。", details.State.Outputs["work"]!["data"]!["result"]!.GetValue<string>());
        Assert.Equal("Approved", details.State.Variables["verification"]!["outcome"]!.GetValue<string>());
        Assert.Single(await h.NotificationsAsync(id, NotificationKind.Finished, Owner));
    }

    [Fact]
    public async Task Without_an_owner_the_responsible_sections_chief_owns_the_item()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync(Form(owner: null, change: f => f["section"] = "hr"));

        Assert.Equal("linyan", (await h.OpenTaskAsync(id, "work")).AssigneeId); // 人事科 chief 林燕
    }

    [Fact]
    public async Task The_supervision_office_sends_the_result_back_with_a_new_deadline_and_the_owner_redoes_it()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync();
        await h.SubmitResultAsync(id, result: "已开会研究。");

        h.Clock.SetUtcNow(Bj(2026, 11, 3, 10));
        await h.VerifyAsync(id, accept: false, comment: "未见成效：请补充整改台账和完成时限", newDeadline: "2026-11-20");

        // Back with the owner: a new task that says so, the ladder counted from the new deadline.
        var redo = await h.OpenTaskAsync(id, "work");
        Assert.Equal(Owner, redo.AssigneeId);
        Assert.Equal("【退回重办】督办：推进老旧小区改造", redo.Title);
        Assert.Equal(Bj(2026, 11, 20, 17, 30).UtcDateTime, redo.DueAt);
        var timers = await h.TimersAsync(id, "work");
        Assert.Equal(Bj(2026, 11, 20, 9, 30).UtcDateTime, timers["reminder"]);
        Assert.Equal(Bj(2026, 11, 20, 17, 30).UtcDateTime, timers["escalate-0"]);
        Assert.Equal(Bj(2026, 11, 23, 17, 30).UtcDateTime, timers["escalate-1"]);
        Assert.Equal(Bj(2026, 11, 25, 17, 30).UtcDateTime, timers["escalate-2"]);

        // The owner hears why, the timeline keeps the comment and the deadline change.
        var returned = Assert.Single(await h.NotificationsAsync(id, NotificationKind.Returned, Owner));
        Assert.Equal("未见成效：请补充整改台账和完成时限", returned.Body);
        Assert.Contains("推进老旧小区改造", returned.Title);
        Assert.Contains(await h.HistoryAsync(id, "Returned"), r => r.Comment == "未见成效：请补充整改台账和完成时限" && r.ActorId == "luoxin");
        Assert.Equal("2026-11-06 → 2026-11-20", Assert.Single(await h.HistoryAsync(id, "DeadlineChanged")).Comment);
        var state = (await h.DetailsAsync(id)).State;
        Assert.Equal("2026-11-20", state.Input["deadline"]!.GetValue<string>());
        Assert.Equal("2026-11-06", state.Properties["supervision"]!["originalDeadline"]!.GetValue<string>());

        // Second round: done and accepted.
        await h.SubmitResultAsync(id, result: "整改台账已建立，12 个小区已完成。");
        await h.VerifyAsync(id, accept: true);
        var details = await h.DetailsAsync(id);
        Assert.Equal(InstanceStatus.Finished, details.Instance.Status);
        var record = details.State.Properties["supervision"]!;
        Assert.Equal(2, record["rounds"]!.GetValue<int>());
        Assert.Single(record["returns"]!.AsArray());
        Assert.Null(record["pendingReturn"]);
    }

    [Fact]
    public async Task A_return_without_a_new_deadline_keeps_the_old_one_and_a_passed_deadline_escalates_again_at_once()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync();
        h.Clock.SetUtcNow(Bj(2026, 11, 5, 9));
        await h.SubmitResultAsync(id); // on time: nobody was told
        h.Clock.SetUtcNow(Bj(2026, 11, 9, 10)); // Monday: the deadline (Friday) has passed meanwhile
        await h.VerifyAsync(id, accept: false, comment: "请补充佐证材料");

        var redo = await h.OpenTaskAsync(id, "work");
        Assert.Equal(Bj(2026, 11, 6, 17, 30).UtcDateTime, redo.DueAt);
        Assert.Empty(await h.HistoryAsync(id, "DeadlineChanged"));

        // The item is late again: the chief hears of it straight away, the deputy director this evening.
        await h.AtAsync(Bj(2026, 11, 9, 10));
        var chief = Assert.Single(await h.NotificationsAsync(id, NotificationKind.Escalated));
        Assert.Equal((Chief, Bj(2026, 11, 9, 10).UtcDateTime, redo.Id), (chief.UserId, chief.CreatedAt, chief.TaskId));
        Assert.Equal(Bj(2026, 11, 9, 17, 30).UtcDateTime, (await h.TimersAsync(id, "work"))["escalate-1"]);
    }

    [Fact]
    public async Task A_return_needs_a_comment_and_a_deadline_not_in_the_past_and_changes_nothing_otherwise()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync();
        await h.SubmitResultAsync(id);
        var verify = await h.OpenTaskAsync(id, "verify");
        await h.ActAsync("luoxin", TaskActionKinds.Claim, verify.Id);

        var noComment = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("luoxin", TaskActionKinds.Return, verify.Id));
        Assert.Equal("comment-required", noComment.Code);
        var past = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("luoxin", TaskActionKinds.Return, verify.Id, "重办",
            formChanges: new JsonObject { ["deadline"] = "2026-11-01" }));
        Assert.Equal("deadline-in-past", past.Code);
        var other = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("luoxin", TaskActionKinds.Return, verify.Id, "重办",
            formChanges: new JsonObject { ["subject"] = "改个名字" }));
        Assert.Equal("field-not-editable", other.Code);

        Assert.Equal("2026-11-06", (await h.DetailsAsync(id)).State.Input["deadline"]!.GetValue<string>());
        Assert.Equal(verify.Id, (await h.OpenTaskAsync(id, "verify")).Id);
    }

    [Fact]
    public async Task The_owner_cannot_reject_or_return_a_supervision_item()
    {
        await using var h = await CreateAsync(Monday);
        var id = await h.StartAsync();
        var work = await h.OpenTaskAsync(id, "work");

        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Owner, TaskActionKinds.Reject, work.Id, "不办"));
        Assert.Equal("action-not-allowed", e.Code);
        var missing = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Owner, TaskActionKinds.Approve, work.Id));
        Assert.Equal("invalid-result", missing.Code); // the result report is required
    }

    [Fact]
    public async Task The_owner_of_record_stays_when_a_stand_in_did_the_work_and_gets_the_returned_item()
    {
        await using var h = await CreateAsync(Monday);
        // 郑爽 is away this week; 马骏 stands in (代理).
        await h.Engine.Get<OrganizationService>().SetOutOfOfficeAsync(Owner, Monday, Bj(2026, 11, 4, 9), "majun", ct: TestContext.Current.CancellationToken);
        var id = await h.StartAsync();
        var work = await h.OpenTaskAsync(id, "work");
        Assert.Equal(("majun", Owner), (work.AssigneeId, work.OnBehalfOf));
        await h.SubmitResultAsync(id, owner: "majun");

        h.Clock.SetUtcNow(Bj(2026, 11, 5, 9)); // 郑爽 is back
        await h.VerifyAsync(id, accept: false, comment: "请补充");

        var record = (await h.DetailsAsync(id)).State.Properties[SupervisionRecord.Key]!;
        Assert.Equal(Owner, record["owner"]!.GetValue<string>());
        var redo = await h.OpenTaskAsync(id, "work");
        Assert.Equal((Owner, (string?)null), (redo.AssigneeId, redo.OnBehalfOf));
        Assert.Single(await h.NotificationsAsync(id, NotificationKind.Returned, Owner));
    }
}

using System.Text.Json.Nodes;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using static Approvals.Workflows.Tests.Office.Documents.DocumentHarness;

namespace Approvals.Workflows.Tests.Office.Documents;

/// <summary>首办负责制 (rule 2): the owner is recorded, later steps come back to them, hand-over needs their chief.</summary>
public sealed class CaseOwnerTests
{
    private static readonly JsonObject Rechecked = new() { ["figuresRechecked"] = "checked" };

    [Fact]
    public async Task The_owner_cannot_transfer_the_case_the_chief_approves_a_hand_over_and_later_steps_go_to_the_new_owner()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ActAsync(Chief, TaskActionKinds.Return, (await h.TaskAtAsync(id, "chiefReview", Chief)).Id, "请补充值班经费测算");
        var revise = await h.TaskAtAsync(id, "revise", Drafter);

        var noReason = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Drafter, TaskActionKinds.Transfer, revise.Id, users: ["huangli"]));
        Assert.Equal("comment-required", noReason.Code);
        await h.ActAsync(Drafter, TaskActionKinds.Transfer, revise.Id, "本人下周起借调区委办，由黄丽接手", ["huangli"]);

        // The transfer did not move the task: it asked the owner's chief.
        var closed = (await h.TasksAsync(id)).Single(t => t.Id == revise.Id);
        Assert.Equal((HumanTaskStatus.Completed, "HandOver", Drafter), (closed.Status, closed.Outcome, closed.AssigneeId));
        var handOver = await h.TaskAtAsync(id, "handOver", Chief);
        Assert.Equal("首办移交审批：杨帆 → 黄丽", handOver.Title);
        Assert.Equal(Drafter, (await h.InstanceAsync(id)).State.Properties["caseOwner"]!.GetValue<string>());
        await h.ActAsync(Chief, TaskActionKinds.Approve, handOver.Id, "同意，黄丽熟悉值班安排");

        var state = (await h.InstanceAsync(id)).State;
        Assert.Equal("huangli", state.Properties["caseOwner"]!.GetValue<string>());
        Assert.Null(state.Properties["caseHandOver"]);
        var changed = Assert.Single(await h.HistoryAsync(id), r => r.Action == "CaseOwnerChanged");
        Assert.Equal((Drafter, "huangli", Chief), (changed.FromUserId, changed.ToUserId, changed.ActorId));
        Assert.Contains("借调", changed.Comment);

        // The revision comes back to the new owner; so does the next one.
        await h.ApproveAsync(id, "revise", "huangli", "已补充", data: Rechecked);
        await h.ApproveAsync(id, "chiefReview", Chief);
        await h.ActAsync(Deputy, TaskActionKinds.Return, (await h.TaskAtAsync(id, "deputyReview", Deputy)).Id, "经费来源请写明");
        await h.TaskAtAsync(id, "revise", "huangli");
        Assert.Equal(["CaseOwnerSet", "CaseHandOverRequested", "CaseOwnerChanged"],
            (await h.HistoryAsync(id)).Where(r => r.Action.StartsWith("Case", StringComparison.Ordinal)).Select(r => r.Action));
    }

    [Fact]
    public async Task A_refused_hand_over_leaves_the_case_with_its_owner()
    {
        await using var h = await CreateAsync();
        var id = await h.SubmitAsync();
        await h.ActAsync(Chief, TaskActionKinds.Return, (await h.TaskAtAsync(id, "chiefReview", Chief)).Id, "标题不规范");
        await h.ActAsync(Drafter, TaskActionKinds.Transfer, (await h.TaskAtAsync(id, "revise", Drafter)).Id, "工作太多", ["xuhao"]);
        await h.ActAsync(Chief, TaskActionKinds.Reject, (await h.TaskAtAsync(id, "handOver", Chief)).Id, "谁起草谁负责到底，请按意见修改");

        await h.TaskAtAsync(id, "revise", Drafter);
        Assert.Equal(Drafter, (await h.InstanceAsync(id)).State.Properties["caseOwner"]!.GetValue<string>());
        var refused = Assert.Single(await h.HistoryAsync(id), r => r.Action == "CaseHandOverRefused");
        Assert.Equal((Drafter, "xuhao"), (refused.FromUserId, refused.ToUserId));
        Assert.Contains("负责到底", refused.Comment);
    }

    [Fact]
    public async Task Whoever_claims_a_first_handler_pool_task_owns_the_case_and_gets_its_later_steps()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(new FlowBuilder("incoming")
            .Activity("start", "Start")
            .Activity("take", "FirstHandler", """{ "assignment": { "strategy": "sectionPool", "section": "secretariat" } }""")
            .Activity("reply", "UserTask", """{ "assignment": { "strategy": "caseOwner" } }""")
            .Activity("end", "End", """{ "result": "Done" }""")
            .Connect("start", "Done", "take").Connect("take", "Approved", "reply").Connect("reply", "Approved", "end")
            .Build());
        var id = (await h.Runtime.StartAsync("incoming", [], Drafter)).Id;
        var pool = Assert.Single(await h.OpenAsync(id));
        Assert.Null(pool.AssigneeId);

        await h.ActAsync("liuyang", TaskActionKinds.Claim, pool.Id);
        Assert.Equal("liuyang", (await h.InstanceAsync(id)).State.Properties["caseOwner"]!.GetValue<string>());
        var set = Assert.Single(await h.HistoryAsync(id), r => r.Action == "CaseOwnerSet");
        Assert.Equal(("liuyang", "liuyang"), (set.ToUserId, set.ActorId));

        // The owner holds it now: a transfer is a hand-over, and this flow has no hand-over path.
        var refused = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("liuyang", TaskActionKinds.Transfer, pool.Id, "忙不过来", ["hulina"]));
        Assert.Equal(("case-handover-needs-approval", ErrorKind.Forbidden), (refused.Code, refused.Kind));
        Assert.Contains("科长同意", refused.Text.ZhCN);
        var release = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("liuyang", TaskActionKinds.Release, pool.Id));
        Assert.Equal("case-owner-release", release.Code);
        // Someone else who sees the task (the initiator) is answered as for every object that is not theirs: 404.
        var notTheirs = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync(Drafter, TaskActionKinds.Transfer, pool.Id, "我来转", ["hulina"]));
        Assert.Equal(("not-assignee", ErrorKind.NotFound), (notTheirs.Code, notTheirs.Kind));

        await h.ApproveAsync(id, "take", "liuyang", "已登记");
        await h.TaskAtAsync(id, "reply", "liuyang");
    }

    [Fact]
    public async Task Before_anyone_owns_the_case_a_first_handler_task_transfers_as_usual_and_the_one_who_completes_it_owns_it()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(new FlowBuilder("incoming-direct")
            .Activity("start", "Start")
            .Activity("take", "FirstHandler", """{ "assignment": { "strategy": "users", "users": ["liuyang"] } }""")
            .Activity("reply", "UserTask", """{ "assignment": { "strategy": "caseOwner" } }""")
            .Activity("end", "End", """{ "result": "Done" }""")
            .Connect("start", "Done", "take").Connect("take", "Approved", "reply").Connect("reply", "Approved", "end")
            .Build());
        var id = (await h.Runtime.StartAsync("incoming-direct", [], Drafter)).Id;
        await h.ActAsync("liuyang", TaskActionKinds.Transfer, (await h.TaskAtAsync(id, "take", "liuyang")).Id, "胡丽娜分管此类来文", ["hulina"]);
        await h.ApproveAsync(id, "take", "hulina", "已办");

        Assert.Equal("hulina", (await h.InstanceAsync(id)).State.Properties["caseOwner"]!.GetValue<string>());
        await h.TaskAtAsync(id, "reply", "hulina");
    }

    [Fact]
    public async Task With_no_owner_recorded_the_case_owner_strategy_means_the_initiator()
    {
        await using var h = await CreateAsync();
        await h.Engine.PublishAsync(new FlowBuilder("owner-fallback")
            .Activity("start", "Start")
            .Activity("back", "UserTask", """{ "assignment": { "strategy": "caseOwner" } }""")
            .Activity("end", "End")
            .Connect("start", "Done", "back").Connect("back", "Approved", "end")
            .Build());
        var id = (await h.Runtime.StartAsync("owner-fallback", [], "majun")).Id;
        await h.TaskAtAsync(id, "back", "majun");
    }
}

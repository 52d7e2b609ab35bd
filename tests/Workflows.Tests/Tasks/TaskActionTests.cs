using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;

namespace Approvals.Workflows.Tests.Tasks;

public sealed class TaskActionTests
{
    private const string ChiefStep = """{ "assignment": { "strategy": "initiatorChief" } }""";

    [Fact]
    public async Task Reject_and_return_need_a_comment()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var task = await h.OpenTaskOfAsync(id, "chief1");
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("chief1", TaskActionKinds.Reject, task.Id, "  "));
        Assert.Equal("comment-required", e.Code);
        Assert.Contains("意见", e.Text.ZhCN);
        await h.ActAsync("chief1", TaskActionKinds.Reject, task.Id, "请补充材料");
        Assert.Equal("Rejected", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Return_to_an_earlier_step_then_the_flow_continues_from_there()
    {
        await using var h = await TaskHarness.CreateAsync();
        await h.Engine.PublishAsync(new FlowBuilder("two-steps")
            .Activity("start", "Start")
            .Activity("chief", "UserTask", ChiefStep)
            .Activity("deputy", "UserTask", """{ "assignment": { "strategy": "deputyDirector" } }""")
            .Activity("end", "End", """{ "result": "Approved" }""")
            .Connect("start", "Done", "chief").Connect("chief", "Approved", "deputy").Connect("deputy", "Approved", "end")
            .Build());
        var id = (await h.Runtime.StartAsync("two-steps", [], "staff1")).Id;
        await h.ActAsync("chief1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "chief1")).Id, "同意");

        var deputyTask = await h.OpenTaskOfAsync(id, "deputy1");
        var details = await h.Inbox.TaskAsync(deputyTask.Id, new Actor("deputy1"));
        Assert.Equal(["chief"], details.ReturnTargets);
        var bad = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("deputy1", TaskActionKinds.Return, deputyTask.Id, "再看看", target: "end"));
        Assert.Equal("invalid-return-target", bad.Code);
        await h.ActAsync("deputy1", TaskActionKinds.Return, deputyTask.Id, "数据需要核实", target: "chief");

        var again = await h.OpenTaskOfAsync(id, "chief1");
        await h.ActAsync("chief1", TaskActionKinds.Approve, again.Id, "已核实");
        await h.ActAsync("deputy1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "deputy1")).Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
        var timeline = await h.Inbox.TimelineAsync(id, new Actor("staff1"));
        Assert.Contains(timeline, r => r.Action == "Returned" && r.ActorId == "deputy1" && r.ToUserId == "chief" && r.Comment == "数据需要核实");
    }

    [Fact]
    public async Task Delegate_lets_the_delegate_act_first_then_the_task_comes_back()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var task = await h.OpenTaskOfAsync(id, "chief1");
        await h.ActAsync("chief1", TaskActionKinds.Delegate, task.Id, "请先核对数据", users: ["staff2"]);

        Assert.Contains((await h.Inbox.TodoAsync(new Actor("staff2"), new InboxFilter())).Items, t => t.Id == task.Id);
        Assert.DoesNotContain((await h.Inbox.TodoAsync(new Actor("chief1"), new InboxFilter())).Items, t => t.Id == task.Id);
        var blocked = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("chief1", TaskActionKinds.Approve, task.Id));
        Assert.Equal("task-delegated", blocked.Code);

        await h.ActAsync("staff2", TaskActionKinds.Approve, task.Id, "已核对");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        Assert.Contains((await h.Inbox.TodoAsync(new Actor("chief1"), new InboxFilter())).Items, t => t.Id == task.Id);
        await h.ActAsync("chief1", TaskActionKinds.Approve, task.Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Transfer_moves_the_task_to_someone_else()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var task = await h.OpenTaskOfAsync(id, "chief1");
        await h.ActAsync("chief1", TaskActionKinds.Transfer, task.Id, "请郑副主任处理", users: ["deputy2"]);
        Assert.Equal("deputy2", Assert.Single(await h.OpenAsync(id)).AssigneeId);
        var gone = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("chief1", TaskActionKinds.Approve, task.Id));
        Assert.Equal(ErrorKind.NotFound, gone.Kind);
        await h.ActAsync("deputy2", TaskActionKinds.Approve, task.Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Add_signer_before_pauses_my_task_until_they_approve()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var mine = await h.OpenTaskOfAsync(id, "chief1");
        await h.ActAsync("chief1", TaskActionKinds.AddSigner, mine.Id, "请人事科先看", users: ["chiefhr"], position: "before");
        Assert.Equal("chiefhr", Assert.Single(await h.OpenAsync(id)).AssigneeId);
        Assert.Equal("task-waiting", (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("chief1", TaskActionKinds.Approve, mine.Id))).Code);

        await h.ActAsync("chiefhr", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "chiefhr")).Id);
        Assert.Equal(mine.Id, Assert.Single(await h.OpenAsync(id)).Id);
        await h.ActAsync("chief1", TaskActionKinds.Approve, mine.Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Add_signer_after_approves_mine_and_waits_for_theirs()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var mine = await h.OpenTaskOfAsync(id, "chief1");
        await h.ActAsync("chief1", TaskActionKinds.AddSigner, mine.Id, "请分管领导再看", users: ["deputy1"], position: "after");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.ActAsync("deputy1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "deputy1")).Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Withdraw_cancels_open_tasks_and_ends_the_case_as_withdrawn()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var notMine = await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.WithdrawAsync(id, new Actor("chief1"), null));
        Assert.Equal((ErrorKind.NotFound, "not-initiator"), (notMine.Kind, notMine.Code));
        var instance = await h.Inbox.WithdrawAsync(id, new Actor("staff1"), "不需要了");
        Assert.Equal((InstanceStatus.Cancelled, "Withdrawn"), (instance.Status, instance.Result));
        var task = Assert.Single(await h.AllTasksAsync(id));
        Assert.Equal(HumanTaskStatus.Cancelled, task.Status);
        var late = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("chief1", TaskActionKinds.Approve, task.Id));
        Assert.Equal(ErrorKind.Conflict, late.Kind);
        Assert.Contains(await h.Inbox.TimelineAsync(id, new Actor("staff1")), r => r.Action == "Withdrawn" && r.Comment == "不需要了");
    }

    [Fact]
    public async Task Carbon_copies_have_read_state_and_let_the_reader_see_the_case()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.CaseAsync(id, new Actor("hr2")))).Kind);
        await h.ActAsync("chief1", TaskActionKinds.CarbonCopy, (await h.OpenTaskOfAsync(id, "chief1")).Id, "知悉", users: ["hr2"]);

        var copies = await h.Inbox.CarbonCopiesAsync(new Actor("hr2"), unreadOnly: true, 1, 20);
        var cc = Assert.Single(copies.Items);
        Assert.Null(cc.ReadAt);
        Assert.Equal(1, (await h.Inbox.CountsAsync(new Actor("hr2"))).UnreadCarbonCopies);
        await h.Inbox.MarkCarbonCopyReadAsync(cc.Id, new Actor("hr2"));
        Assert.Empty((await h.Inbox.CarbonCopiesAsync(new Actor("hr2"), unreadOnly: true, 1, 20)).Items);
        Assert.NotNull((await h.Inbox.CaseAsync(id, new Actor("hr2"))).Case);
        await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.MarkCarbonCopyReadAsync(cc.Id, new Actor("hr1")));
    }

    [Fact]
    public async Task Urge_is_for_the_initiator_and_at_most_once_an_hour_per_task()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.UrgeAsync(id, new Actor("chief1")))).Kind);
        Assert.Equal(1, await h.Inbox.UrgeAsync(id, new Actor("staff1")));
        var again = await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.UrgeAsync(id, new Actor("staff1")));
        Assert.Equal(ErrorKind.TooManyRequests, again.Kind);
        h.Engine.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await h.Inbox.UrgeAsync(id, new Actor("staff1")));
        await using var ctx = h.Engine.Db.Create();
        Assert.Equal(2, ctx.Notifications.Count(n => n.UserId == "chief1" && n.Kind == Approvals.Workflows.Notifications.NotificationKind.Urged));
    }

    [Fact]
    public async Task Twenty_people_approving_one_task_at_once_exactly_one_succeeds()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var task = await h.OpenTaskOfAsync(id, "chief1");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(async () =>
        {
            try { await h.ActAsync(n % 2 == 0 ? "chief1" : "admin", TaskActionKinds.Approve, task.Id, $"#{n}"); return (ApprovalException?)null; }
            catch (ApprovalException e) { return e; }
        })));
        Assert.Single(results, r => r is null);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(ErrorKind.Conflict, r!.Kind));
        Assert.Contains(results, r => r?.Text.ZhCN.StartsWith("该任务已由") == true);
        Assert.Single(await h.Inbox.TimelineAsync(id, new Actor("staff1")), r => r.Action == "Approved");
    }

    [Fact]
    public async Task Other_peoples_tasks_are_invisible_and_the_initiator_cannot_approve_their_own_request()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(ChiefStep);
        var task = await h.OpenTaskOfAsync(id, "chief1");
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("stranger", TaskActionKinds.Approve, task.Id))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.TaskAsync(task.Id, new Actor("stranger")))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Inbox.TimelineAsync(id, new Actor("stranger")))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("staff1", TaskActionKinds.Approve, task.Id))).Kind);

        await h.ActAsync("admin", TaskActionKinds.Approve, task.Id, "管理员代办");
        Assert.Contains(await h.Inbox.TimelineAsync(id, new Actor("staff1")), r => r.Action == "Approved" && r.ActorId == "admin" && r.OnBehalfOf == "chief1");
    }
}

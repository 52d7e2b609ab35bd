using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Workflows.Tests.Tasks;

public sealed class InboxTests
{
    [Fact]
    public async Task Todo_done_my_requests_and_counts_follow_the_work()
    {
        await using var h = await TaskHarness.CreateAsync();
        var late = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiatorChief" }, "deadline": { "kind": "duration", "value": "PT1H" } }""", id: "late");
        var soon = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiatorChief" }, "deadline": { "kind": "duration", "value": "PT30M" } }""", id: "soon");
        var none = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiatorChief" } }""", id: "none");

        var todo = await h.Inbox.TodoAsync(new Actor("chief1"), new InboxFilter());
        Assert.Equal([soon, late, none], todo.Items.Select(t => t.InstanceId));
        Assert.Equal(["late"], (await h.Inbox.TodoAsync(new Actor("chief1"), new InboxFilter(DefinitionId: "late"))).Items.Select(t => t.DefinitionId));

        h.Engine.Clock.Advance(TimeSpan.FromMinutes(45));
        var overdue = await h.Inbox.TodoAsync(new Actor("chief1"), new InboxFilter(Overdue: true));
        Assert.Equal([soon], overdue.Items.Select(t => t.InstanceId));
        Assert.True(overdue.Items[0].IsOverdue);
        var counts = await h.Inbox.CountsAsync(new Actor("chief1"));
        Assert.Equal((3, 1), (counts.Todo, counts.Overdue));

        await h.ActAsync("chief1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(none, "chief1")).Id);
        Assert.Equal([none], (await h.Inbox.DoneAsync(new Actor("chief1"), new InboxFilter())).Items.Select(t => t.InstanceId));
        var mine = await h.Inbox.MyRequestsAsync(new Actor("staff1"), null, 1, 20);
        Assert.Equal(3, mine.Total);
        var open = mine.Items.Single(r => r.InstanceId == late);
        Assert.Equal(["chief1"], Assert.Single(open.CurrentSteps).Assignees);
        Assert.Equal(2, (await h.Inbox.CountsAsync(new Actor("staff1"))).RequestsInProgress);
    }

    [Fact]
    public async Task A_deadline_notifies_as_overdue_and_a_TimedOut_connection_ends_the_step()
    {
        await using var h = await TaskHarness.CreateAsync();
        await h.Engine.PublishAsync(new Engine.FlowBuilder("timeout")
            .Activity("start", "Start")
            .Activity("approve", "UserTask", """{ "assignment": { "strategy": "initiatorChief" }, "deadline": { "kind": "duration", "value": "PT2H", "remindBefore": "PT30M" } }""")
            .Activity("ok", "End", """{ "result": "Approved" }""")
            .Activity("late", "End", """{ "result": "TimedOut" }""")
            .Connect("start", "Done", "approve").Connect("approve", "Approved", "ok").Connect("approve", "TimedOut", "late")
            .Build());
        var id = (await h.Runtime.StartAsync("timeout", [], "staff1")).Id;
        h.Engine.Clock.Advance(TimeSpan.FromMinutes(95));
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        h.Engine.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await h.Engine.Timers.RunDueAsync());
        Assert.Equal("TimedOut", (await h.InstanceAsync(id)).Result);
        await using var ctx = h.Engine.Db.Create();
        Assert.Equal([Approvals.Workflows.Notifications.NotificationKind.Assigned, Approvals.Workflows.Notifications.NotificationKind.Reminder, Approvals.Workflows.Notifications.NotificationKind.Overdue],
            ctx.Notifications.Where(n => n.UserId == "chief1").OrderBy(n => n.CreatedAt).Select(n => n.Kind).ToList());
    }
}

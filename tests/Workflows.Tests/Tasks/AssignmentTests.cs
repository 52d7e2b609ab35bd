using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Workflows.Tests.Tasks;

public sealed class AssignmentTests
{
    [Theory]
    [InlineData("""{ "strategy": "initiatorChief" }""", "chief1")]
    [InlineData("""{ "strategy": "deputyDirector" }""", "deputy1")]
    [InlineData("""{ "strategy": "director" }""", "dir1")]
    [InlineData("""{ "strategy": "position", "section": "hr", "position": "Chief" }""", "chiefhr")]
    [InlineData("""{ "strategy": "users", "users": ["hr2"] }""", "hr2")]
    [InlineData("""{ "strategy": "expression", "expression": { "js": "input.reason === '测试' ? 'hr1' : 'hr2'" } }""", "hr1")]
    [InlineData("""{ "strategy": "initiator" }""", "staff1")]
    public async Task Each_strategy_finds_its_person(string rule, string expected)
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync($$"""{ "assignment": {{rule}} }""");
        Assert.Equal(expected, Assert.Single(await h.OpenAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task A_section_pool_task_is_claimed_by_a_member_and_can_be_released()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync("""{ "assignment": { "strategy": "sectionPool", "section": "hr" } }""");
        var task = Assert.Single(await h.OpenAsync(id));
        Assert.Null(task.AssigneeId);
        Assert.Contains((await h.Inbox.TodoAsync(new Actor("hr1"), new InboxFilter())).Items, t => t.Id == task.Id);
        Assert.Equal("task-unclaimed", (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("hr1", TaskActionKinds.Approve, task.Id))).Code);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("staff2", TaskActionKinds.Claim, task.Id))).Kind);

        await h.ActAsync("hr1", TaskActionKinds.Claim, task.Id);
        Assert.Equal("already-claimed", (await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("hr2", TaskActionKinds.Claim, task.Id))).Code);
        Assert.DoesNotContain((await h.Inbox.TodoAsync(new Actor("hr2"), new InboxFilter())).Items, t => t.Id == task.Id);
        await h.ActAsync("hr1", TaskActionKinds.Release, task.Id);
        await h.ActAsync("hr2", TaskActionKinds.Claim, task.Id);
        await h.ActAsync("hr2", TaskActionKinds.Approve, task.Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task A_pool_with_auto_assign_gives_the_task_to_the_least_loaded_member()
    {
        await using var h = await TaskHarness.CreateAsync();
        await h.StartOneStepAsync("""{ "assignment": { "strategy": "users", "users": ["chiefhr", "hr1", "stranger"] }, "mode": "All" }""", id: "load");
        var id = await h.StartOneStepAsync("""{ "assignment": { "strategy": "sectionPool", "section": "hr", "autoAssign": true } }""", id: "auto");
        Assert.Equal("hr2", Assert.Single(await h.OpenAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task New_work_for_someone_out_of_office_goes_to_their_delegate_on_their_behalf()
    {
        await using var h = await TaskHarness.CreateAsync();
        await using (var ctx = h.Engine.Db.Create())
        {
            var now = h.Engine.Clock.GetUtcNow().UtcDateTime;
            ctx.OutOfOffice.Add(new Approvals.Workflows.Organization.OutOfOffice { Id = "ooo1", UserId = "chief1", From = now.AddHours(-1), To = now.AddDays(2), DelegateId = "staff2" });
            await ctx.SaveChangesAsync();
        }
        h.Engine.Get<Approvals.Workflows.Organization.OrganizationService>().Invalidate();
        var id = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiatorChief" } }""");
        var task = Assert.Single(await h.OpenAsync(id));
        Assert.Equal(("staff2", "chief1"), (task.AssigneeId, task.OnBehalfOf));
        Assert.Contains(await h.Inbox.TimelineAsync(id, new Actor("staff1")), r => r.Action == "Assigned" && r.ToUserId == "staff2" && r.OnBehalfOf == "chief1");
    }

    [Fact]
    public async Task Nobody_found_follows_the_steps_rule()
    {
        await using var h = await TaskHarness.CreateAsync();
        var incident = await h.StartOneStepAsync("""{ "assignment": { "strategy": "group", "group": "empty" } }""", id: "to-incident");
        Assert.Equal(InstanceStatus.Faulted, (await h.InstanceAsync(incident)).Status);
        Assert.Contains("No assignee", Assert.Single((await h.Engine.GetAsync(incident)).Incidents).Message);

        var auto = await h.StartOneStepAsync("""{ "assignment": { "strategy": "group", "group": "empty" }, "noAssignee": "autoApprove" }""", id: "to-auto");
        Assert.Equal("Approved", (await h.InstanceAsync(auto)).Result);

        var admin = await h.StartOneStepAsync("""{ "assignment": { "strategy": "group", "group": "empty" }, "noAssignee": "admin", "fallbackAdmin": "admin" }""", id: "to-admin");
        Assert.Equal("admin", Assert.Single(await h.OpenAsync(admin)).AssigneeId);
    }

    [Fact]
    public async Task An_initiator_who_is_the_assignee_can_be_skipped_or_sent_to_their_chief()
    {
        await using var h = await TaskHarness.CreateAsync();
        var skip = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiator" }, "initiatorIsAssignee": "skip" }""", id: "skip");
        Assert.Equal("Approved", (await h.InstanceAsync(skip)).Result);
        var chief = await h.StartOneStepAsync("""{ "assignment": { "strategy": "initiator" }, "initiatorIsAssignee": "chief" }""", id: "chief");
        Assert.Equal("chief1", Assert.Single(await h.OpenAsync(chief)).AssigneeId);
    }

    [Fact]
    public async Task The_same_person_approving_consecutive_steps_is_skipped_when_the_step_says_so()
    {
        await using var h = await TaskHarness.CreateAsync();
        await h.Engine.PublishAsync(new Engine.FlowBuilder("consecutive")
            .Activity("start", "Start")
            .Activity("first", "UserTask", """{ "assignment": { "strategy": "users", "users": ["deputy1"] } }""")
            .Activity("second", "UserTask", """{ "assignment": { "strategy": "deputyDirector" }, "skipConsecutive": true }""")
            .Activity("end", "End", """{ "result": "Approved" }""")
            .Connect("start", "Done", "first").Connect("first", "Approved", "second").Connect("second", "Approved", "end")
            .Build());
        var id = (await h.Runtime.StartAsync("consecutive", [], "staff1")).Id;
        await h.ActAsync("deputy1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "deputy1")).Id);
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);
        Assert.Contains(await h.Inbox.TimelineAsync(id, new Actor("staff1")), r => r.Action == "AutoApproved" && r.ToUserId == "deputy1");
    }
}

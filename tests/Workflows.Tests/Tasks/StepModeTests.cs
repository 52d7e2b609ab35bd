using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Workflows.Tests.Tasks;

public sealed class StepModeTests
{
    private const string Committee60 = """{ "assignment": { "strategy": "group", "group": "committee" }, "mode": "Quorum", "quorum": { "percent": 60 } }""";
    private static readonly string[] Members = ["deputy1", "chief1", "chiefhr", "hr1", "staff2"];

    [Fact]
    public async Task A_60_percent_quorum_of_five_passes_on_the_third_approval_and_cancels_the_rest_with_a_note()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(Committee60);
        Assert.Equal(5, (await h.OpenAsync(id)).Count);

        await h.ActAsync("deputy1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "deputy1")).Id);
        await h.ActAsync("chief1", TaskActionKinds.Reject, (await h.OpenTaskOfAsync(id, "chief1")).Id, "不同意");
        await h.ActAsync("chiefhr", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "chiefhr")).Id);
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.ActAsync("hr1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "hr1")).Id);

        var instance = await h.InstanceAsync(id);
        Assert.Equal(("Approved", InstanceStatus.Finished), (instance.Result, instance.Status));
        var last = (await h.AllTasksAsync(id)).Single(t => t.AssigneeId == "staff2");
        Assert.Equal((HumanTaskStatus.Cancelled, TaskOutcomes.Cancelled), (last.Status, last.Outcome));
        Assert.Contains("同意", last.Comment);
    }

    [Fact]
    public async Task A_60_percent_quorum_of_five_fails_as_soon_as_three_have_rejected()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync(Committee60);
        foreach (var m in Members.Take(2))
            await h.ActAsync(m, TaskActionKinds.Reject, (await h.OpenTaskOfAsync(id, m)).Id, "反对");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.ActAsync(Members[2], TaskActionKinds.Reject, (await h.OpenTaskOfAsync(id, Members[2])).Id, "反对");
        Assert.Equal("Rejected", (await h.InstanceAsync(id)).Result);
        Assert.Empty(await h.OpenAsync(id));
    }

    [Theory]
    [InlineData(5, 60.0, null, 3)]
    [InlineData(5, null, 2, 2)]
    [InlineData(3, 50.0, null, 2)]
    [InlineData(4, 50.0, null, 2)]
    [InlineData(1, 100.0, null, 1)]
    [InlineData(2, null, 9, 2)]
    public void Quorum_arithmetic(int total, double? percent, int? count, int needed) =>
        Assert.Equal(needed, new QuorumRule { Percent = percent, Count = count }.Needed(total));

    [Fact]
    public async Task All_needs_everyone_and_any_needs_one()
    {
        await using var h = await TaskHarness.CreateAsync();
        var all = await h.StartOneStepAsync("""{ "assignment": { "strategy": "users", "users": ["chief1", "chiefhr"] }, "mode": "All" }""", id: "all");
        await h.ActAsync("chief1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(all, "chief1")).Id);
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(all)).Status);
        await h.ActAsync("chiefhr", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(all, "chiefhr")).Id);
        Assert.Equal("Approved", (await h.InstanceAsync(all)).Result);

        var any = await h.StartOneStepAsync("""{ "assignment": { "strategy": "users", "users": ["chief1", "chiefhr"] }, "mode": "Any" }""", id: "any");
        await h.ActAsync("chiefhr", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(any, "chiefhr")).Id);
        Assert.Equal("Approved", (await h.InstanceAsync(any)).Result);
    }

    [Fact]
    public async Task Sequential_opens_one_task_at_a_time_in_order_and_a_rejection_ends_it()
    {
        await using var h = await TaskHarness.CreateAsync();
        var id = await h.StartOneStepAsync("""{ "assignment": { "strategy": "users", "users": ["hr1", "hr2", "chiefhr"] }, "mode": "Sequential" }""");
        Assert.Equal("hr1", Assert.Single(await h.OpenAsync(id)).AssigneeId);
        await h.ActAsync("hr1", TaskActionKinds.Approve, (await h.OpenTaskOfAsync(id, "hr1")).Id);
        Assert.Equal("hr2", Assert.Single(await h.OpenAsync(id)).AssigneeId);
        await h.ActAsync("hr2", TaskActionKinds.Reject, (await h.OpenTaskOfAsync(id, "hr2")).Id, "材料不全");
        Assert.Equal("Rejected", (await h.InstanceAsync(id)).Result);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.AllTasksAsync(id)).Single(t => t.AssigneeId == "chiefhr").Status);
    }
}

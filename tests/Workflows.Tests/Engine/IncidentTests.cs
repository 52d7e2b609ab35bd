using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class IncidentTests
{
    [Fact]
    public async Task A_faulted_activity_can_be_retried_after_its_cause_is_fixed()
    {
        await using var h = await EngineHarness.CreateAsync();
        // vars.limits is missing at first: reading .max of undefined throws, the instance faults.
        await h.PublishAsync(new FlowBuilder("retry")
            .Field("key", Definitions.FormFieldType.Text, required: true)
            .Activity("start", "Start")
            .Activity("fork", "Fork", """{ "branches": ["Wait", "Check"] }""")
            .Activity("check", "Decision", """{ "condition": { "js": "input.amount < vars.limits.max" } }""")
            .Activity("wait", "WaitForSignal", """{ "signal": "limits", "correlationKey": { "js": "input.key" }, "resultVariable": "limits" }""")
            .Activity("end", "End", """{ "result": "Checked" }""")
            .Connect("start", "Done", "fork").Connect("fork", "Check", "check").Connect("fork", "Wait", "wait")
            .Connect("check", "True", "end").Connect("check", "False", "end").Connect("wait", "Done", "end")
            .Build());
        var i = await h.Runtime.StartAsync("retry", new JsonObject { ["key"] = "R1" }, "u1");
        Assert.Equal(InstanceStatus.Faulted, i.Status);
        var faulted = await h.GetAsync(i.Id);
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal("check", incident.ActivityId);
        Assert.Contains("limits", incident.Message);
        Assert.NotNull(incident.Details);

        // A faulted instance does not take stimuli until an admin retries it.
        var blocked = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.ResumeAsync(faulted.Bookmarks.Single().Id, null, "u1"));
        Assert.Equal("instance-faulted", blocked.Code);

        // Fix the cause (set the variable through a second, healthy path), then retry.
        await SetVariableDirectly(h, i.Id, "limits", new JsonObject { ["max"] = 10 });
        var retried = await h.Runtime.RetryAsync(i.Id, "admin");
        Assert.Equal(InstanceStatus.Finished, retried.Status);
        var done = await h.GetAsync(i.Id);
        Assert.NotNull(Assert.Single(done.Incidents).ResolvedAt);
        Assert.Contains(done.Journal, j => j.Kind == JournalKind.IncidentRetried && j.UserId == "admin");
    }

    [Fact]
    public async Task Retrying_an_instance_that_is_not_faulted_is_a_conflict()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(SuspendResumeTests.SignalFlow());
        var i = await h.Runtime.StartAsync("signal", new JsonObject { ["key"] = "x" }, null);
        Assert.Equal("not-faulted", (await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.RetryAsync(i.Id, "admin"))).Code);
    }

    private static async Task SetVariableDirectly(EngineHarness h, string instanceId, string name, JsonNode value)
    {
        await using var ctx = h.Db.Create();
        var row = ctx.Instances.Single(x => x.Id == instanceId);
        var state = InstanceState.Deserialize(row.StateJson);
        state.Variables[name] = value;
        row.StateJson = state.Serialize();
        row.Revision++;
        await ctx.SaveChangesAsync();
    }
}

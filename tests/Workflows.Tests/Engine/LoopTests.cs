using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class LoopTests
{
    [Fact]
    public async Task A_return_for_revision_loops_until_approved()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(new FlowBuilder("revise")
            .Field("docNo", Definitions.FormFieldType.Text, required: true)
            .Activity("start", "Start")
            .Activity("review", "WaitForSignal", """{ "signal": "review", "correlationKey": { "js": "input.docNo" }, "resultVariable": "review" }""")
            .Activity("ok", "Decision", """{ "condition": { "js": "vars.review.ok === true" } }""")
            .Activity("revise", "WaitForSignal", """{ "signal": "revised", "correlationKey": { "js": "input.docNo" } }""")
            .Activity("end", "End", """{ "result": "Approved" }""")
            .Connect("start", "Done", "review").Connect("review", "Done", "ok")
            .Connect("ok", "True", "end").Connect("ok", "False", "revise").Connect("revise", "Done", "review")
            .Build());
        var i = await h.Runtime.StartAsync("revise", new JsonObject { ["docNo"] = "D-7" }, "drafter");

        for (var round = 0; round < 3; round++)
        {
            Assert.Single(await h.Runtime.SignalAsync("review", "D-7", new JsonObject { ["ok"] = false }, "chief"));
            Assert.Equal("revise", Assert.Single((await h.GetAsync(i.Id)).Bookmarks).ActivityId);
            Assert.Single(await h.Runtime.SignalAsync("revised", "D-7", null, "drafter"));
        }
        Assert.Single(await h.Runtime.SignalAsync("review", "D-7", new JsonObject { ["ok"] = true }, "chief"));
        var done = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Equal(4, done.Journal.Count(j => j.Kind == JournalKind.ActivityCompleted && j.ActivityId == "ok"));
    }

    [Fact]
    public async Task A_loop_that_never_waits_stops_with_an_incident()
    {
        await using var h = await EngineHarness.CreateAsync(options: new WorkflowEngineOptions { MaxActivitiesPerBurst = 50 });
        await h.PublishAsync(new FlowBuilder("spin")
            .Activity("start", "Start")
            .Activity("again", "Decision", """{ "condition": { "js": "true" } }""")
            .Activity("end", "End")
            .Connect("start", "Done", "again").Connect("again", "True", "again").Connect("again", "False", "end")
            .Build());
        var i = await h.Runtime.StartAsync("spin", [], null);
        Assert.Equal(InstanceStatus.Faulted, i.Status);
        var incident = Assert.Single((await h.GetAsync(i.Id)).Incidents);
        Assert.Contains("more than 50 activities", incident.Message);
    }
}

using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class ForkJoinTests
{
    private static Definitions.WorkflowDefinition Flow(string mode) => new FlowBuilder("fork-" + mode.ToLowerInvariant())
        .Activity("start", "Start")
        .Activity("fork", "Fork", """{ "branches": ["A", "B"] }""")
        .Activity("waitA", "WaitForSignal", """{ "signal": "a" }""")
        .Activity("waitB", "WaitForSignal", """{ "signal": "b" }""")
        .Activity("join", "Join", $$"""{ "mode": "{{mode}}" }""")
        .Activity("end", "End")
        .Connect("start", "Done", "fork").Connect("fork", "A", "waitA").Connect("fork", "B", "waitB")
        .Connect("waitA", "Done", "join").Connect("waitB", "Done", "join").Connect("join", "Done", "end")
        .Build();

    [Fact]
    public async Task WaitAll_continues_only_when_every_branch_arrived()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(Flow("WaitAll"));
        var i = await h.Runtime.StartAsync("fork-waitall", [], null);
        Assert.Equal(2, (await h.GetAsync(i.Id)).Bookmarks.Count);

        await h.Runtime.SignalAsync("b", null, null, null);
        var mid = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Suspended, mid.Instance.Status);
        Assert.Equal("waitA", Assert.Single(mid.Bookmarks).ActivityId);

        await h.Runtime.SignalAsync("a", null, null, null);
        var done = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Single(done.Journal, j => j.Kind == Runtime.JournalKind.ActivityCompleted && j.ActivityId == "join");
    }

    [Fact]
    public async Task WaitAny_continues_with_the_first_and_closes_the_other_branch()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(Flow("WaitAny"));
        var i = await h.Runtime.StartAsync("fork-waitany", [], null);
        await h.Runtime.SignalAsync("a", null, null, null);
        var done = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Empty(done.Bookmarks);
        Assert.Empty(await h.Runtime.SignalAsync("b", null, null, null));
    }
}

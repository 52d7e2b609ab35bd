using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

public sealed class SuspendResumeTests
{
    internal static Definitions.WorkflowDefinition SignalFlow(string id = "signal") => new FlowBuilder(id)
        .Field("key", Definitions.FormFieldType.Text, required: true)
        .Activity("start", "Start")
        .Activity("wait", "WaitForSignal", """{ "signal": "go", "correlationKey": { "js": "input.key" }, "resultVariable": "answer" }""")
        .Activity("end", "End", """{ "result": "Done" }""")
        .Connect("start", "Done", "wait").Connect("wait", "Done", "end")
        .Build();

    [Fact]
    public async Task An_instance_suspends_on_a_bookmark_and_a_matching_signal_resumes_it()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(SignalFlow());
        var a = await h.Runtime.StartAsync("signal", new JsonObject { ["key"] = "A" }, "u1");
        var b = await h.Runtime.StartAsync("signal", new JsonObject { ["key"] = "B" }, "u1");
        Assert.Equal(InstanceStatus.Suspended, a.Status);
        var bookmark = Assert.Single((await h.GetAsync(a.Id)).Bookmarks);
        Assert.Equal(("wait", "A"), (bookmark.ActivityId, bookmark.CorrelationKey));

        Assert.Empty(await h.Runtime.SignalAsync("go", "nobody", null, null));
        Assert.Equal([a.Id], await h.Runtime.SignalAsync("go", "A", new JsonObject { ["ok"] = 1 }, "robot"));

        var done = await h.GetAsync(a.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Equal(1, done.State.Variables["answer"]!["ok"]!.GetValue<int>());
        Assert.Contains(done.Journal, j => j.Kind == JournalKind.BookmarkResumed && j.UserId == "robot");
        Assert.Equal(InstanceStatus.Suspended, (await h.GetAsync(b.Id)).Instance.Status);
    }

    [Fact]
    public async Task A_fresh_runtime_on_the_same_file_resumes_what_the_first_left_waiting()
    {
        var file = EngineHarness.NewDbFile();
        string id;
        await using (var first = await EngineHarness.CreateAsync(file))
        {
            await first.PublishAsync(SignalFlow());
            id = (await first.Runtime.StartAsync("signal", new JsonObject { ["key"] = "K" }, "u1")).Id;
        }
        await using var second = await EngineHarness.CreateAsync(file);
        Assert.Equal([id], await second.Runtime.SignalAsync("go", "K", null, null));
        Assert.Equal(InstanceStatus.Finished, (await second.GetAsync(id)).Instance.Status);
    }

    [Fact]
    public async Task Twenty_concurrent_resumes_of_one_bookmark_have_exactly_one_winner()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(SignalFlow());
        var i = await h.Runtime.StartAsync("signal", new JsonObject { ["key"] = "X" }, "u1");
        var bookmark = Assert.Single((await h.GetAsync(i.Id)).Bookmarks);

        var attempts = Enumerable.Range(0, 20).Select(n => Task.Run(async () =>
        {
            try { await h.Runtime.ResumeAsync(bookmark.Id, new JsonObject { ["by"] = n }, $"user{n}"); return (ok: true, error: (ApprovalException?)null); }
            catch (ApprovalException e) { return (ok: false, error: e); }
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.ok);
        Assert.All(results.Where(r => !r.ok), r => Assert.True(r.error!.Kind is ErrorKind.Conflict or ErrorKind.NotFound, r.error.Code));
        var done = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Single(done.Journal, j => j.Kind == JournalKind.BookmarkResumed);
        Assert.Single(done.Journal, j => j.Kind == JournalKind.InstanceFinished);
    }

    [Fact]
    public async Task Cancel_closes_every_bookmark_and_a_cancelled_instance_cannot_be_cancelled_again()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(SignalFlow());
        var i = await h.Runtime.StartAsync("signal", new JsonObject { ["key"] = "C" }, "u1");
        var cancelled = await h.Runtime.CancelAsync(i.Id, "admin", "duplicate request");
        Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
        var details = await h.GetAsync(i.Id);
        Assert.Empty(details.Bookmarks);
        Assert.Contains(details.Journal, j => j.Kind == JournalKind.InstanceCancelled && j.Message == "duplicate request" && j.UserId == "admin");
        Assert.Empty(await h.Runtime.SignalAsync("go", "C", null, null));
        var again = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.CancelAsync(i.Id, "admin", null));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        await using var h = await EngineHarness.CreateAsync();
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.ResumeAsync("nope", null, null))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.CancelAsync("nope", null, null))).Kind);
        Assert.Null(await h.Runtime.GetAsync("nope"));
    }
}

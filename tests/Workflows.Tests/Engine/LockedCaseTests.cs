using System.Text.Json.Nodes;
using Approvals.Tests.Shared;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// One case's instance row held by another transaction (PostgreSQL only: SQLite has one writer for the whole file):
/// unrelated cases go on meanwhile, the held case waits for the row at most the lock timeout and is then busy.
/// </summary>
public sealed class LockedCaseTests
{
    public static bool OnPostgres => TestStorage.OnPostgres;
    private const string PostgresOnly = "PostgreSQL only: run with APPROVALS_TEST_PROVIDER=Postgres and APPROVALS_TEST_POSTGRES (.ci/run does)";

    private static JsonObject Key(string key) => new() { ["key"] = key };

    [Fact(Skip = PostgresOnly, SkipUnless = nameof(OnPostgres))]
    public async Task While_a_burst_waits_for_a_locked_case_unrelated_cases_start_and_resume_and_it_goes_on_once_the_row_is_free()
    {
        // The wait is ended by releasing the row here, not by the timeout.
        await using var h = await EngineHarness.CreateAsync(storage: s => s.LockTimeout = TimeSpan.FromMinutes(5));
        await h.PublishAsync(SuspendResumeTests.SignalFlow());
        var stuck = await h.Runtime.StartAsync("signal", Key("stuck"), "u1");
        var other = await h.Runtime.StartAsync("signal", Key("other"), "u1");
        await using var row = await RowLock.TakeAsync(h.Db.Options.ConnectionString, "instances", stuck.Id);

        var waiting = h.Runtime.SignalAsync("go", "stuck", new JsonObject { ["ok"] = 1 }, "u2");
        await row.WaitForWaitersAsync(1);

        var started = await h.Runtime.StartAsync("signal", Key("new"), "u1");
        Assert.Equal([other.Id], await h.Runtime.SignalAsync("go", "other", new JsonObject { ["ok"] = 2 }, "u2"));

        // Both were committed while the stuck burst was still waiting for its row.
        Assert.True(row.Held);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, await row.WaitingAsync());
        Assert.Equal(InstanceStatus.Suspended, (await h.GetAsync(started.Id)).Instance.Status);
        Assert.Equal(InstanceStatus.Finished, (await h.GetAsync(other.Id)).Instance.Status);
        Assert.Equal(InstanceStatus.Suspended, (await h.GetAsync(stuck.Id)).Instance.Status);

        await row.ReleaseAsync();
        Assert.Equal([stuck.Id], await waiting);
        var done = await h.GetAsync(stuck.Id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Equal(1, done.State.Variables["answer"]!["ok"]!.GetValue<int>());
    }

    [Fact(Skip = PostgresOnly, SkipUnless = nameof(OnPostgres))]
    public async Task Acting_on_a_case_whose_row_stays_locked_past_the_lock_timeout_is_busy_and_changes_nothing()
    {
        await using var h = await EngineHarness.CreateAsync(storage: s => s.LockTimeout = TimeSpan.FromMilliseconds(300));
        await h.PublishAsync(SuspendResumeTests.SignalFlow());
        var stuck = await h.Runtime.StartAsync("signal", Key("stuck"), "u1");
        var before = await h.GetAsync(stuck.Id);
        await using var row = await RowLock.TakeAsync(h.Db.Options.ConnectionString, "instances", stuck.Id);

        var busy = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.SignalAsync("go", "stuck", new JsonObject { ["ok"] = 1 }, "u2"));
        Assert.Equal((ErrorKind.Unavailable, "busy"), (busy.Kind, busy.Code));
        Assert.Equal("该事项正在被其他操作处理，请稍后重试", busy.Text.ZhCN);
        Assert.True(row.Held);

        var after = await h.GetAsync(stuck.Id);
        Assert.Equal((InstanceStatus.Suspended, before.Instance.Revision), (after.Instance.Status, after.Instance.Revision));
        Assert.Equal(before.Bookmarks.Select(b => b.Id), after.Bookmarks.Select(b => b.Id));
        Assert.Equal(before.Journal.Count, after.Journal.Count);

        await row.ReleaseAsync();
        Assert.Equal([stuck.Id], await h.Runtime.SignalAsync("go", "stuck", new JsonObject { ["ok"] = 1 }, "u2"));
        Assert.Equal(InstanceStatus.Finished, (await h.GetAsync(stuck.Id)).Instance.Status);
    }

    [Fact(Skip = PostgresOnly, SkipUnless = nameof(OnPostgres))]
    public async Task A_document_counter_held_past_the_lock_timeout_refuses_the_start_as_busy_without_a_fault_or_a_lost_number()
    {
        await using var h = await EngineHarness.CreateAsync(storage: s => s.LockTimeout = TimeSpan.FromMilliseconds(300));
        await h.PublishAsync(new FlowBuilder("letters").Activity("start", "Start").Activity("number", "DocumentNumber", """{ "series": "区政办函" }""")
            .Activity("end", "End").Connect("start", "Done", "number").Connect("number", "Done", "end").Build());
        Assert.Equal(InstanceStatus.Finished, (await h.Runtime.StartAsync("letters", [], "u1")).Status);
        await using var row = await RowLock.TakeWhereAsync(h.Db.Options.ConnectionString, "document_counters", "\"Series\" = @p0 AND \"Year\" = @p1", "区政办函", 2026);

        var busy = await Assert.ThrowsAsync<ApprovalException>(() => h.Runtime.StartAsync("letters", [], "u1"));
        Assert.Equal((ErrorKind.Unavailable, "busy"), (busy.Kind, busy.Code));
        await using (var ctx = h.Db.Create())
            Assert.Equal(1, ctx.Instances.Count()); // refused, not stored as a faulted case

        await row.ReleaseAsync();
        var next = await h.Runtime.StartAsync("letters", [], "u1");
        Assert.Equal(InstanceStatus.Finished, next.Status);
        Assert.Equal(2, (await h.GetAsync(next.Id)).State.Outputs["number"]!["number"]!.GetValue<int>());
    }
}

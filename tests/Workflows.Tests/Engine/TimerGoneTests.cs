using Approvals.Activities;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// Firing a timer is exactly-once because the burst's commit deletes the timer row and requires that it was still
/// there. The lease usually keeps a second host away, so the check is tried here on its own: while this host's burst
/// runs, the row disappears (as when another host fired the timer and its commit deleted it), and the burst must then
/// not be committed — no second firing of the timer, no step after the wait.
/// </summary>
public sealed class TimerGoneTests
{
    private static Definitions.WorkflowDefinition Flow() => new FlowBuilder("timer-gone")
        .Activity("start", "Start")
        .Activity("wait", "Delay", """{ "duration": "PT10M" }""")
        .Activity("taken", TimerTakenElsewhere.TypeName)
        .Activity("end", "End", """{ "result": "Woke" }""")
        .Connect("start", "Done", "wait").Connect("wait", "Done", "taken").Connect("taken", "Done", "end")
        .Build();

    [Fact]
    public async Task A_timer_whose_row_is_gone_when_the_burst_commits_is_not_fired_by_this_host()
    {
        await using var h = await EngineHarness.CreateAsync(configure: s =>
            s.AddSingleton(new ActivityRegistry([typeof(Activity).Assembly, typeof(ActivitiesAssembly).Assembly, typeof(TimerGoneTests).Assembly])));
        await h.PublishAsync(Flow());
        var id = (await h.Runtime.StartAsync("timer-gone", [], "u1", TestContext.Current.CancellationToken)).Id;
        var timer = Assert.Single((await h.GetAsync(id)).Timers);

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await h.Timers.RunDueAsync(TestContext.Current.CancellationToken));

        var after = await h.GetAsync(id);
        Assert.Equal(InstanceStatus.Suspended, after.Instance.Status); // still at the wait: this host's burst was not written
        Assert.Null(after.Instance.Result);
        Assert.DoesNotContain(after.Journal, j => j.Kind == JournalKind.BookmarkResumed);
        Assert.DoesNotContain(after.Journal, j => j.ActivityId is "taken" or "end");
        Assert.Empty(after.Timers);
        Assert.Equal(timer.Id, TimerTakenElsewhere.Deleted.Single(t => t == timer.Id));
    }
}

/// <summary>
/// Test activity: deletes the instance's timer rows through a connection of its own while the burst that fired the
/// timer is still running — what another host's commit of the same timer does.
/// </summary>
[Activity(TypeName, CategoryZh = "测试", CategoryEn = "Test", NameZh = "定时器已被取走", NameEn = "Timer taken elsewhere")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class TimerTakenElsewhere : Activity
{
    public const string TypeName = "TestTimerTakenElsewhere";

    /// <summary>The timer ids this activity deleted (tests run in parallel; each checks its own).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<string> Deleted = [];

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        await using var ctx = context.Services.GetRequiredService<ApprovalsDb>().Create();
        var ids = await ctx.Timers.Where(t => t.InstanceId == context.InstanceId).Select(t => t.Id).ToListAsync();
        await ctx.Timers.Where(t => t.InstanceId == context.InstanceId).ExecuteDeleteAsync();
        foreach (var timerId in ids) Deleted.Add(timerId);
        context.Complete(Outcomes.Done);
    }
}

using Approvals.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Engine;

public sealed class TimerTests
{
    private static Definitions.WorkflowDefinition DelayFlow() => new FlowBuilder("delay")
        .Activity("start", "Start")
        .Activity("wait", "Delay", """{ "duration": "PT2H" }""")
        .Activity("end", "End", """{ "result": "Woke" }""")
        .Connect("start", "Done", "wait").Connect("wait", "Done", "end")
        .Build();

    [Fact]
    public async Task A_delay_fires_when_its_time_comes_and_not_before()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(DelayFlow());
        var i = await h.Runtime.StartAsync("delay", [], null);
        var timer = Assert.Single((await h.GetAsync(i.Id)).Timers);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddHours(2), timer.DueAt);

        h.Clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(0, await h.Timers.RunDueAsync());
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await h.Timers.RunDueAsync());
        var done = await h.GetAsync(i.Id);
        Assert.Equal((InstanceStatus.Finished, "Woke"), (done.Instance.Status, done.Instance.Result));
        Assert.Empty(done.Timers);
    }

    [Fact]
    public async Task A_timer_that_came_due_while_the_host_was_down_fires_once_after_restart()
    {
        var file = EngineHarness.NewDbFile();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        string id;
        await using (var before = await EngineHarness.CreateAsync(file, clock))
        {
            await before.PublishAsync(DelayFlow());
            id = (await before.Runtime.StartAsync("delay", [], null)).Id;
        }
        clock.Advance(TimeSpan.FromDays(3)); // the host is down over a long weekend

        await using var after = await EngineHarness.CreateAsync(file, clock);
        Assert.Equal(1, await after.Timers.RunDueAsync());
        Assert.Equal(0, await after.Timers.RunDueAsync());
        var done = await after.GetAsync(id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Single(done.Journal, j => j.Kind == JournalKind.BookmarkResumed);
    }

    [Fact]
    public async Task Two_hosts_on_one_database_fire_each_timer_exactly_once()
    {
        var file = EngineHarness.NewDbFile();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        await using var hostA = await EngineHarness.CreateAsync(file, clock);
        await using var hostB = await EngineHarness.CreateAsync(file, clock);
        await hostA.PublishAsync(DelayFlow());
        var ids = new List<string>();
        for (var n = 0; n < 20; n++) ids.Add((await hostA.Runtime.StartAsync("delay", [], null)).Id);
        clock.Advance(TimeSpan.FromHours(3));

        var fired = await Task.WhenAll(Task.Run(() => hostA.Timers.RunDueAsync()), Task.Run(() => hostB.Timers.RunDueAsync()));
        Assert.Equal(20, fired.Sum());
        foreach (var id in ids)
        {
            var d = await hostA.GetAsync(id);
            Assert.Equal(InstanceStatus.Finished, d.Instance.Status);
            Assert.Single(d.Journal, j => j.Kind == JournalKind.BookmarkResumed);
        }
    }

    [Fact]
    public async Task Delay_until_a_time_in_the_past_continues_at_once()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(new FlowBuilder("until")
            .Activity("start", "Start")
            .Activity("wait", "Delay", """{ "until": "2020-01-01T00:00:00Z" }""")
            .Activity("end", "End")
            .Connect("start", "Done", "wait").Connect("wait", "Done", "end")
            .Build());
        Assert.Equal(InstanceStatus.Finished, (await h.Runtime.StartAsync("until", [], null)).Status);
    }
}

using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Workflows.Tests.Engine;

/// <summary>
/// A timer whose burst never commits (it throws outside the sandbox, or kills the host) must not be
/// fired for ever: after <see cref="WorkflowEngineOptions.MaxTimerAttempts"/> attempts the instance is
/// quarantined with an incident, and only an administrator's retry lets the timer run again.
/// </summary>
public sealed class PoisonTimerTests
{
    private static Definitions.WorkflowDefinition DelayThenSet(string js) => new FlowBuilder("poison")
        .Activity("start", "Start")
        .Activity("wait", "Delay", """{ "duration": "PT10S" }""")
        .Activity("set", "SetVariable", $$"""{ "variable": "x", "value": { "js": {{System.Text.Json.JsonSerializer.Serialize(js)}} } }""")
        .Activity("end", "End", """{ "result": "Done" }""")
        .Connect("start", "Done", "wait").Connect("wait", "Done", "set").Connect("set", "Done", "end")
        .Build();

    /// <summary>A host that takes the timer's lease and dies before its burst commits (the fire never returns normally).</summary>
    private static Task<EngineHarness> DyingHostAsync(string file, FakeTimeProvider clock, Counter fired) =>
        EngineHarness.CreateAsync(file, clock, configure: s => s.AddSingleton<IWorkflowRuntime>(sp =>
            new CountingRuntime(ActivatorUtilities.CreateInstance<WorkflowRuntime>(sp), fired, dies: true)));

    private static Task<EngineHarness> HealthyHostAsync(string file, FakeTimeProvider clock, Counter fired) =>
        EngineHarness.CreateAsync(file, clock, configure: s => s.AddSingleton<IWorkflowRuntime>(sp =>
            new CountingRuntime(ActivatorUtilities.CreateInstance<WorkflowRuntime>(sp), fired, dies: false)));

    [Fact]
    public async Task A_timer_that_killed_the_host_three_times_is_quarantined_with_an_incident_and_not_fired_again()
    {
        var file = EngineHarness.NewDbFile();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var fired = new Counter();
        string id;
        await using (var first = await HealthyHostAsync(file, clock, fired))
        {
            await first.PublishAsync(DelayThenSet("1"));
            id = (await first.Runtime.StartAsync("poison", [], "u1")).Id;
        }
        clock.Advance(TimeSpan.FromSeconds(10));
        for (var crash = 1; crash <= 3; crash++)
        {
            await using (var dying = await DyingHostAsync(file, clock, fired)) await dying.Timers.RunDueAsync();
            Assert.Equal(crash, fired.Count);
            clock.Advance(TimeSpan.FromSeconds(61)); // the dead host's lease runs out; the next host restarts
        }

        await using var restarted = await HealthyHostAsync(file, clock, fired);
        Assert.Equal(0, await restarted.Timers.RunDueAsync());
        Assert.Equal(3, fired.Count); // not fired a fourth time
        var quarantined = await restarted.GetAsync(id);
        Assert.Equal(InstanceStatus.Faulted, quarantined.Instance.Status);
        var incident = Assert.Single(quarantined.Incidents);
        Assert.Equal("wait", incident.ActivityId);
        Assert.Contains("3 次", incident.Message);
        Assert.Contains("started 3 times without finishing", incident.Message);

        // Later passes leave it alone, whatever the clock says.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await restarted.Timers.RunDueAsync());
        Assert.Equal(3, fired.Count);
        Assert.Single((await restarted.GetAsync(id)).Incidents);

        // An administrator's retry starts the wait again with a fresh count, and a healthy burst finishes it.
        var retried = await restarted.Runtime.RetryAsync(id, "admin");
        Assert.Equal(InstanceStatus.Suspended, retried.Status);
        var timer = Assert.Single((await restarted.GetAsync(id)).Timers);
        Assert.Equal(0, timer.Attempts);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await restarted.Timers.RunDueAsync());
        Assert.Equal(InstanceStatus.Finished, (await restarted.GetAsync(id)).Instance.Status);
    }

    [Fact]
    public async Task A_timer_burst_that_commits_its_fault_is_not_counted_as_a_crash()
    {
        // The expression of the security report, behind a delay: it used to kill the host 10 s after the
        // start and again after every restart. Now the sandbox fails it and the burst commits the incident.
        await using var h = await EngineHarness.CreateAsync();
        await h.PublishAsync(DelayThenSet("(() => { let a = []; for (let i = 0; i < 20000; i++) a = [a]; return String(a).length; })()"));
        var i = await h.Runtime.StartAsync("poison", [], "u1");
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await h.Timers.RunDueAsync());
        var faulted = await h.GetAsync(i.Id);
        Assert.Equal(InstanceStatus.Faulted, faulted.Instance.Status);
        Assert.Equal("set", Assert.Single(faulted.Incidents).ActivityId);
        Assert.Empty(faulted.Timers);
    }

    [Fact]
    public async Task A_timer_that_fails_twice_and_then_fires_is_not_quarantined()
    {
        var file = EngineHarness.NewDbFile();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var fired = new Counter();
        string id;
        await using (var first = await HealthyHostAsync(file, clock, fired))
        {
            await first.PublishAsync(DelayThenSet("1"));
            id = (await first.Runtime.StartAsync("poison", [], "u1")).Id;
        }
        clock.Advance(TimeSpan.FromSeconds(10));
        for (var crash = 0; crash < 2; crash++)
        {
            await using (var dying = await DyingHostAsync(file, clock, fired)) await dying.Timers.RunDueAsync();
            clock.Advance(TimeSpan.FromSeconds(61));
        }
        await using var healthy = await HealthyHostAsync(file, clock, fired);
        Assert.Equal(1, await healthy.Timers.RunDueAsync());
        var done = await healthy.GetAsync(id);
        Assert.Equal(InstanceStatus.Finished, done.Instance.Status);
        Assert.Empty(done.Incidents);
    }

    internal sealed class Counter { public int Count; }

    /// <summary>The real runtime; when <c>dies</c>, a fire never completes, as when the process is killed mid-burst.</summary>
    private sealed class CountingRuntime(IWorkflowRuntime inner, Counter fired, bool dies) : IWorkflowRuntime
    {
        public Task<bool> FireTimerAsync(string timerId, CancellationToken ct = default)
        {
            Interlocked.Increment(ref fired.Count);
            return dies ? throw new InvalidOperationException("the host died during this burst") : inner.FireTimerAsync(timerId, ct);
        }

        public Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input, string? userId, CancellationToken ct = default) => inner.StartAsync(definitionId, input, userId, ct);
        public Task<WorkflowInstance> ResumeAsync(string bookmarkId, JsonNode? payload, string? userId, CancellationToken ct = default) => inner.ResumeAsync(bookmarkId, payload, userId, ct);
        public Task<IReadOnlyList<string>> SignalAsync(string signal, string? correlationKey, JsonNode? payload, string? userId, CancellationToken ct = default) => inner.SignalAsync(signal, correlationKey, payload, userId, ct);
        public Task<WorkflowInstance> CancelAsync(string instanceId, string? userId, string? reason, string result = "Cancelled", CancellationToken ct = default) => inner.CancelAsync(instanceId, userId, reason, result, ct);
        public Task<WorkflowInstance> RetryAsync(string instanceId, string? userId, CancellationToken ct = default) => inner.RetryAsync(instanceId, userId, ct);
        public Task<bool> QuarantineTimerAsync(string timerId, int attempts, CancellationToken ct = default) => inner.QuarantineTimerAsync(timerId, attempts, ct);
        public Task<InstanceDetails?> GetAsync(string instanceId, CancellationToken ct = default) => inner.GetAsync(instanceId, ct);
    }
}

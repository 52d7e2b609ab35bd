using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Approvals.Bench;

/// <summary>
/// "workflowcore": the same flow on WorkflowCore 3.22.0 with its defaults (in-memory persistence,
/// single-node queue and locks): a start step, WaitFor("go", key), If(amount > 100), a finish step.
/// N starts then N PublishEvent calls with the same concurrency; timed until the host has reported
/// all N instances Complete.
/// </summary>
internal static class WorkflowCoreBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<RunResult> RunAsync(int n, int dop, CancellationToken ct)
    {
        var services = new ServiceCollection();
        var warnings = new WarningCounter();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings));
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<BenchWorkflow, BenchData>();

        var completed = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted && Interlocked.Increment(ref completed) == n) allDone.TrySetResult();
        };
        host.OnStepError += (workflow, step, exception) => Console.Error.WriteLine($"  [wfc step error] {workflow.Id}: {exception.Message}");
        await host.StartAsync(ct);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = ct };
            var ids = new string[n];
            var usage = Stats.Usage.Now();
            var total = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, _) =>
                ids[i] = await host.StartWorkflow(BenchWorkflow.WorkflowId, BenchWorkflow.WorkflowVersion,
                    new BenchData { Key = OursEngine.Key(i), Amount = OursEngine.Amount(i) }));
            var startCalls = total.Elapsed;
            await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, _) =>
                await host.PublishEvent(BenchWorkflow.Signal, OursEngine.Key(i), new Dictionary<string, object> { ["approved"] = true }));
            var publishCalls = total.Elapsed - startCalls;
            if (await Task.WhenAny(allDone.Task, Task.Delay(Timeout, ct)) != allDone.Task)
                throw new BenchFailure($"only {Volatile.Read(ref completed)} of {n} WorkflowCore instances completed within {Timeout.TotalMinutes} min");
            total.Stop();
            var used = usage.Since(n, "instance");

            await VerifyAsync(host, ids, n, ct);
            if (warnings.Count > 0) throw new BenchFailure($"WorkflowCore logged {warnings.Count} warnings or errors");
            var seconds = total.Elapsed.TotalSeconds;
            return new RunResult(n / seconds, seconds,
                $"StartWorkflow calls {Stats.Ms(startCalls)}, PublishEvent calls {Stats.Ms(publishCalls)}, " +
                $"drain {Stats.Ms(total.Elapsed - startCalls - publishCalls)}, {used}");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task VerifyAsync(IWorkflowHost host, string[] ids, int n, CancellationToken ct)
    {
        var all = (await host.PersistenceStore.GetWorkflowInstances(ids.ToHashSet())).ToList();
        var complete = all.Where(w => w.Status == WorkflowStatus.Complete).ToList();
        var high = complete.Count(w => w.Data is BenchData { Result: "High" });
        var expectedHigh = Enumerable.Range(0, n).Count(i => OursEngine.ExpectedResult(i) == "High");
        if (all.Count != n || complete.Count != n || high != expectedHigh)
            throw new BenchFailure($"WorkflowCore store has {all.Count} of the instances, {complete.Count} Complete ({high} High, expected {expectedHigh}); expected {n}");
        foreach (var i in new[] { 0, 1, n - 1 }.Where(i => i >= 0 && i < n).Distinct())
        {
            var w = await host.PersistenceStore.GetWorkflowInstance(ids[i]);
            if (w.Status != WorkflowStatus.Complete || ((BenchData)w.Data).Result != OursEngine.ExpectedResult(i))
                throw new BenchFailure($"WorkflowCore instance {i} is {w.Status}/{((BenchData)w.Data).Result}");
        }
    }
}

public sealed class BenchData
{
    public string Key { get; set; } = "";
    public int Amount { get; set; }
    public object? Payload { get; set; }
    public string? Result { get; set; }
}

/// <summary>Start → WaitFor("go", Key) → If(Amount &gt; 100) → finish (sets High or Low).</summary>
public sealed class BenchWorkflow : IWorkflow<BenchData>
{
    public const string WorkflowId = "bench-approval";
    public const int WorkflowVersion = 1;
    public const string Signal = "go";

    public string Id => WorkflowId;
    public int Version => WorkflowVersion;

    public void Build(IWorkflowBuilder<BenchData> builder) => builder
        .StartWith(_ => ExecutionResult.Next())
        .WaitFor(Signal, data => data.Key)
            .Output(data => data.Payload, step => step.EventData)
        .If(data => data.Amount > 100).Do(then => then
            .StartWith(context => { ((BenchData)context.Workflow.Data).Result = "High"; return ExecutionResult.Next(); }))
        .Then(context =>
        {
            var data = (BenchData)context.Workflow.Data;
            data.Result ??= "Low";
            return ExecutionResult.Next();
        });
}

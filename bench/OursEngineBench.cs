using System.Diagnostics;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Bench;

/// <summary>
/// "ours": N instances started with bounded concurrency, then N signals with the same concurrency, on a
/// fresh SQLite file. Timed from the first start to the last signal's commit (that burst ends the
/// instance), then checked against the database.
/// </summary>
internal static class OursEngineBench
{
    public static async Task<RunResult> RunAsync(int n, int dop, CancellationToken ct)
    {
        await using var engine = await OursEngine.CreateAsync();
        var ids = new string[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = ct };

        var usage = Stats.Usage.Now();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, t) => ids[i] = await engine.StartAsync(i, t));
        var startPhase = total.Elapsed;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, t) => await engine.SignalAsync(i, t));
        total.Stop();
        var used = usage.Since(n, "instance");
        var signalPhase = total.Elapsed - startPhase;

        await VerifyAsync(engine, ids, ct);
        var seconds = total.Elapsed.TotalSeconds;
        return new RunResult(n / seconds, seconds,
            $"start phase {Stats.Ms(startPhase)} ({Stats.Rate(n / startPhase.TotalSeconds)}/s), " +
            $"signal phase {Stats.Ms(signalPhase)} ({Stats.Rate(n / signalPhase.TotalSeconds)}/s), {used}");
    }

    /// <summary>Every instance Finished with the result its amount asks for, and no bookmark left.</summary>
    private static async Task VerifyAsync(OursEngine engine, string[] ids, CancellationToken ct)
    {
        var n = ids.Length;
        await using (var ctx = engine.Db.Create())
        {
            var instances = await ctx.Instances.CountAsync(ct);
            var finished = await ctx.Instances.CountAsync(i => i.Status == InstanceStatus.Finished, ct);
            var high = await ctx.Instances.CountAsync(i => i.Status == InstanceStatus.Finished && i.Result == "High", ct);
            var bookmarks = await ctx.Bookmarks.CountAsync(ct);
            var expectedHigh = Enumerable.Range(0, n).Count(i => OursEngine.ExpectedResult(i) == "High");
            if (instances != n || finished != n || high != expectedHigh || bookmarks != 0)
                throw new BenchFailure($"database has {instances} instances, {finished} Finished ({high} High, expected {expectedHigh}), {bookmarks} open bookmarks; expected {n} Finished and none open");
        }
        foreach (var i in new[] { 0, 1, n / 2, n - 1 }.Where(i => i >= 0 && i < n).Distinct())
        {
            var details = await engine.Runtime.GetAsync(ids[i], ct) ?? throw new BenchFailure($"instance {i} ({ids[i]}) not found");
            if (details.Instance.Status != InstanceStatus.Finished || details.Instance.Result != OursEngine.ExpectedResult(i) || details.Incidents.Count != 0)
                throw new BenchFailure($"instance {i} is {details.Instance.Status}/{details.Instance.Result} with {details.Incidents.Count} incidents, expected Finished/{OursEngine.ExpectedResult(i)}");
        }
        if (engine.Warnings.Count > 0) throw new BenchFailure($"the engine logged {engine.Warnings.Count} warnings or errors");
    }
}

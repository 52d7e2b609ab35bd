using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Jint;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Approvals.Bench;

/// <summary>
/// `diag`: where our engine's time goes, without a profiler. Runs the start and signal phases at
/// concurrency 1 (so summed times add up to wall time) and at the bench concurrency, counting EF
/// commands, connection opens, transaction begin/commit times and JS evaluations per instance; then
/// times a few engine calls in isolation and SQLite commits with one and with several writers.
/// </summary>
internal static class OursDiagnostics
{
    public static async Task RunAsync(int n, int dop, CancellationToken ct)
    {
        Console.WriteLine($"ours diagnostics: N={n}, concurrency 1 and {dop}, {Environment.ProcessorCount} cores");
        using var ef = new EfActivity();
        await PhasesAsync(Math.Min(n, 200), dop, ef, "warm-up", print: false, ct);
        foreach (var d in new[] { 1, dop }.Distinct())
            await PhasesAsync(n, d, ef, $"dop {d}", print: true, ct);
        await MicroAsync(ct);
        await SweepAsync(n, ct);
        Console.WriteLine();
        foreach (var w in new[] { 1, dop }.Distinct())
        {
            var r = await SqliteCommitBench.RunAsync(w, ct);
            Console.WriteLine($"sqlite commits, {w} writer(s): {Stats.Rate(r.PerSecond)}/s ({r.Detail})");
        }
    }

    private static async Task PhasesAsync(int n, int dop, EfActivity ef, string label, bool print, CancellationToken ct)
    {
        TimedEvaluator? timed = null;
        await using var engine = await OursEngine.CreateAsync((services, options) =>
        {
            timed = new TimedEvaluator(new JintExpressionEvaluator(options.Expressions));
            services.Replace(ServiceDescriptor.Singleton<IExpressionEvaluator>(timed));
        });
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = dop, CancellationToken = ct };
        foreach (var phase in new[] { "start", "signal" })
        {
            var key = $"{label} {phase}";
            ef.Phase = key;
            timed!.Reset();
            using var pool = new ThreadPoolSampler();
            var usage = Stats.Usage.Now();
            var load = new MachineLoad();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, n), parallel, async (i, t) =>
            {
                if (phase == "start") await engine.StartAsync(i, t);
                else await engine.SignalAsync(i, t);
            });
            clock.Stop();
            var used = usage.Since(n, "instance");
            ef.Phase = "idle";
            if (print)
            {
                Report(ef, key, n, dop, clock.Elapsed, timed);
                Console.WriteLine($"  {pool.Summary}; this process {used}; {load.Others()}");
            }
        }
        if (engine.Warnings.Count > 0) throw new BenchFailure($"the engine logged {engine.Warnings.Count} warnings or errors");
    }

    private static void Report(EfActivity ef, string key, int n, int dop, TimeSpan wall, TimedEvaluator timed)
    {
        double PerN(double v) => v / n;
        string Ms(double totalMs) => Stats.Fixed(totalMs / n, 3) + " ms";
        var commands = ef.Get(key, "commands");
        var opens = ef.Get(key, "connection opens");
        var begins = ef.Get(key, "BEGIN (write-lock wait)");
        var commits = ef.Get(key, "COMMIT");
        var expressionMs = timed.Elapsed.TotalMilliseconds;
        Console.WriteLine();
        Console.WriteLine($"[{key}] {n} instances in {Stats.Ms(wall)} = {Stats.Fixed(wall.TotalMilliseconds / n, 3)} ms/instance wall ({Stats.Rate(n / wall.TotalSeconds)}/s)");
        if (dop > 1)
            Console.WriteLine($"  times below are summed over {dop} concurrent callers: wall × {dop} = {Stats.Fixed(wall.TotalMilliseconds * dop / n, 3)} ms/instance of caller time");
        Console.WriteLine($"  per instance: {Stats.Fixed(PerN(commands.Count), 2)} EF commands ({Ms(commands.TotalMs)}), " +
                          $"{Stats.Fixed(PerN(opens.Count), 2)} connection opens ({Ms(opens.TotalMs)}; each open also runs SqlitePragmas' PRAGMA batch, not counted as a command), " +
                          $"{Stats.Fixed(PerN(commits.Count), 2)} transactions (BEGIN IMMEDIATE {Ms(begins.TotalMs)}, COMMIT {Ms(commits.TotalMs)}), " +
                          $"{Stats.Fixed(PerN(timed.Calls), 2)} JS evaluations ({Ms(expressionMs)})");
        var accounted = commands.TotalMs + opens.TotalMs + begins.TotalMs + commits.TotalMs + expressionMs;
        Console.WriteLine($"  the rest (engine/EF CPU outside commands, JSON, awaiting, busy waits outside BEGIN): {Ms(wall.TotalMilliseconds * dop - accounted)}");
        Console.WriteLine("  EF events per instance: " + string.Join(", ", ef.Events(key).Select(x => $"{x.Event} {Stats.Fixed(PerN(x.Count), 1)}")));
        Console.WriteLine("  statements (per instance × avg duration):");
        foreach (var (sql, t) in ef.Statements(key).Take(12))
            Console.WriteLine($"    {Stats.Fixed(PerN(t.Count), 2),5} × {Stats.Fixed(t.TotalMs / t.Count, 3),7} ms  {sql}");
    }

    /// <summary>Single calls timed in a loop: what a start or a burst pays regardless of the database.</summary>
    public static async Task MicroAsync(CancellationToken ct)
    {
        Console.WriteLine();
        Console.WriteLine("single calls, timed in a loop on an idle engine (time and allocation per call):");
        await using var engine = await OursEngine.CreateAsync();
        var definitions = engine.Services.GetRequiredService<IWorkflowDefinitions>();
        await Loop("IWorkflowDefinitions.GetAsync(id) (StartAsync calls it on every start: a query plus a JSON parse of the definition)", 1000,
            () => definitions.GetAsync(OursEngine.DefinitionId, null, ct));
        await Loop("  of which its query alone (new context, FirstOrDefault on definition_versions)", 2000, async () =>
        {
            await using var ctx = engine.Db.Create();
            return await ctx.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == OursEngine.DefinitionId && v.IsPublished)
                .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        });
        await Loop("  the same query, synchronous FirstOrDefault", 2000, () =>
        {
            using var ctx = engine.Db.Create();
            return Task.FromResult(ctx.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == OursEngine.DefinitionId && v.IsPublished)
                .OrderByDescending(v => v.Version).FirstOrDefault());
        });
        await Loop("  of which WorkflowJson.Parse(definition) alone", 2000,
            () => Task.FromResult(WorkflowJson.Parse(OursEngine.DefinitionJson)));
        await Loop("IWorkflowDefinitions.GetPublishedAsync(id, 1) (cached)", 10_000,
            () => definitions.GetPublishedAsync(OursEngine.DefinitionId, 1, ct));

        var limits = new ExpressionLimits();
        var evaluator = new JintExpressionEvaluator(limits);
        var globals = new ExpressionGlobals(new JsonObject { ["key"] = "k1", ["amount"] = 150 }, [], [], "bench", DateTimeOffset.UtcNow);
        await Loop("JintExpressionEvaluator.Evaluate(\"input.amount > 100\") (a new Jint Engine each call)", 5000,
            () => Task.FromResult(evaluator.Evaluate("input.amount > 100", globals)));
        await Loop("  of which new Jint.Engine(limits) alone", 5000, () => Task.FromResult(new Jint.Engine(o => o
            .Strict().TimeoutInterval(limits.Timeout).MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes).LimitRecursion(limits.MaxRecursionDepth))));
        var sampleId = await engine.StartAsync(0, ct);
        await Loop("IWorkflowRuntime.GetAsync(id) of a suspended instance (one context, 5 queries: what a burst loads, plus the journal)", 2000,
            () => engine.Runtime.GetAsync(sampleId, ct));
        var row = 0;
        await Loop("an EF write transaction shaped like a start's commit (1 instance + 1 bookmark + 5 journal rows)", 2000, async () =>
        {
            var id = "micro" + Interlocked.Increment(ref row).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var now = DateTime.UtcNow;
            await using var ctx = engine.Db.Create();
            await using var tx = await ctx.Database.BeginTransactionAsync(ct);
            ctx.Instances.Add(new WorkflowInstance { Id = id, DefinitionId = OursEngine.DefinitionId, DefinitionVersion = 1, Status = InstanceStatus.Suspended, CreatedAt = now, UpdatedAt = now, StateJson = "{}", Revision = 1 });
            ctx.Bookmarks.Add(new Bookmark { Id = id, InstanceId = id, ActivityId = "wait", Name = "Signal:micro", CorrelationKey = id, CreatedAt = now });
            for (var j = 0; j < 5; j++) ctx.Journal.Add(new JournalEntry { InstanceId = id, At = now, Kind = JournalKind.ActivityStarted, ActivityId = "wait" });
            await ctx.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        });
        await Loop("ApprovalsDb.Create() and dispose, no query", 5000, async () =>
        {
            await using var ctx = engine.Db.Create();
            return 0;
        });
        await Loop("ApprovalsDb.Create() + a trivial query (one connection open + PRAGMA batch)", 2000, async () =>
        {
            await using var ctx = engine.Db.Create();
            return await ctx.Bookmarks.CountAsync(ct);
        });
        var cs = engine.Db.Options.ConnectionString;
        var plain = new DbContextOptionsBuilder<SqliteApprovalsDbContext>().UseSqlite(cs).Options;
        await Loop("  the same query on a context without the SqlitePragmas interceptor", 2000, async () =>
        {
            await using var ctx = new SqliteApprovalsDbContext(plain);
            return await ctx.Bookmarks.CountAsync(ct);
        });
        var pooled = new PooledDbContextFactory<SqliteApprovalsDbContext>(plain);
        await Loop("  the same query on a pooled context (PooledDbContextFactory), no interceptor", 2000, async () =>
        {
            await using var ctx = pooled.CreateDbContext();
            return await ctx.Bookmarks.CountAsync(ct);
        });
        await Loop("  raw: pooled SqliteConnection open + the PRAGMA batch + close", 5000, async () =>
        {
            await using var c = new SqliteConnection(cs);
            await c.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            return await cmd.ExecuteNonQueryAsync(ct);
        });
        await Loop("  raw: pooled SqliteConnection open + close", 5000, async () =>
        {
            await using var c = new SqliteConnection(cs);
            await c.OpenAsync(ct);
            return 0;
        });
    }

    /// <summary>Whole runs (start + signal) at several concurrencies, then with more thread-pool threads up front.</summary>
    private static async Task SweepAsync(int n, CancellationToken ct)
    {
        Console.WriteLine();
        Console.WriteLine($"whole runs (start + signal), N={n}, by concurrency:");
        foreach (var d in new[] { 1, 2, 4, 8, 16 })
            Console.WriteLine($"  dop {d,2}: {Stats.Rate((await OursEngineBench.RunAsync(n, d, ct)).PerSecond)} instances/s");
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(64, io);
        foreach (var d in new[] { 8, 16 })
            Console.WriteLine($"  dop {d,2} with ThreadPool.SetMinThreads(64) (was {workers}): {Stats.Rate((await OursEngineBench.RunAsync(n, d, ct)).PerSecond)} instances/s");
        ThreadPool.SetMinThreads(workers, io);
    }

    private static async Task Loop<T>(string what, int count, Func<Task<T>> call)
    {
        for (var i = 0; i < Math.Min(count, 200); i++) await call();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await call();
        clock.Stop();
        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count;
        Console.WriteLine($"  {Stats.Fixed(clock.Elapsed.TotalMicroseconds / count, 1),8} µs {Stats.Fixed(perCall, 1),7} KB  {what}");
    }
}

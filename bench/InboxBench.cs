using System.Diagnostics;
using System.Globalization;
using Approvals.Workflows;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.Bench;

/// <summary>
/// `inbox`: the "my to-do" first page on a big database, through the real <see cref="ITaskInbox"/>. Builds a
/// fresh SQLite file (migrated by the engine, then bulk-loaded by <see cref="InboxData"/>), then times single
/// calls of TodoAsync, TodoAsync(Overdue) and CountsAsync for a fixed sample of users, one caller at a time,
/// and shows how SQLite runs the to-do statements (EXPLAIN QUERY PLAN of the SQL EF sent).
/// </summary>
internal static class InboxBench
{
    private const int SampleSeed = 7;

    /// <param name="keepDb">Where to write the database and leave it afterwards (to look at it by hand); by default a temp folder, deleted.</param>
    /// <param name="analyze">Run ANALYZE after loading (default). The engine never runs it, so a production file has no
    /// statistics unless someone runs it by hand; 0 shows the plans SQLite picks then.</param>
    public static async Task<int> RunAsync(int tasks, int users, int calls, int warmUp, string? keepDb, bool analyze, CancellationToken ct)
    {
        Console.WriteLine($"inbox: tasks={tasks}, users={users}, {calls} timed calls per measurement after {warmUp} warm-up calls, 1 caller, {(analyze ? "" : "no ANALYZE, ")}" +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        var dir = keepDb is null ? Directory.CreateTempSubdirectory("approvals-inbox-") : null;
        var file = dir is null ? Path.GetFullPath(keepDb!) : Path.Combine(dir.FullName, "inbox.db");
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        var warnings = new WarningCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings));
        services.AddWorkflowEngine(new StorageOptions { Provider = "Sqlite", ConnectionString = $"Data Source={file}" });
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<ApprovalsDb>().MigrateAsync(ct);

            var data = new InboxData(tasks, users, DateTime.UtcNow);
            var load = new MachineLoad();
            var cpu = Stats.Cpu();
            var (loadTime, analyzeTime) = data.Write(file, analyze);
            cpu = Stats.Cpu() - cpu;
            Console.WriteLine($"loaded {data.Tasks} tasks, {data.Instances} instances, {data.Users} users, {data.Sections} sections in {Stats.Fixed(loadTime.TotalSeconds, 1)} s " +
                              $"(raw Microsoft.Data.Sqlite, one transaction, synchronous=OFF while loading, indexes built after the rows); " +
                              $"{(analyze ? "ANALYZE + " : "")}WAL checkpoint {Stats.Fixed(analyzeTime.TotalSeconds, 1)} s; {Stats.Fixed(cpu.TotalSeconds, 1)} s CPU in all; " +
                              $"file {new FileInfo(file).Length / 1024 / 1024} MB; {load.Others()}");
            Describe(data);

            var inbox = provider.GetRequiredService<ITaskInbox>();
            var sample = Sample(data, calls, new Random(SampleSeed));
            var warm = Sample(data, warmUp, new Random(SampleSeed + 1));

            var failures = 0;
            var todo = await MeasureAsync("todo", sample, warm, async u =>
            {
                var page = await inbox.TodoAsync(new Actor(data.UserIds[u]), new InboxFilter(), ct);
                failures += Check(data, u, page);
            });
            await MeasureAsync("todo_overdue", sample, warm, u => inbox.TodoAsync(new Actor(data.UserIds[u]), new InboxFilter(Overdue: true), ct));
            await MeasureAsync("counts", sample, warm, async u =>
            {
                var c = await inbox.CountsAsync(new Actor(data.UserIds[u]), ct);
                if (c.Todo != data.Todo(u) || c.RequestsInProgress != data.RequestsInProgress[u]) failures++;
            });

            await BreakdownAsync(inbox, data, sample.Take(500).ToArray(), ct);
            await OrgReloadAsync(provider.GetRequiredService<OrganizationService>(), data, ct);
            await PlanAsync(inbox, data, file, ct);

            if (failures > 0) Console.WriteLine($"CHECK FAILED: {failures} calls returned totals or an order other than the data holds");
            if (warnings.Count > 0) Console.WriteLine($"the engine logged {warnings.Count} warnings or errors");
            if (dir is null) Console.WriteLine($"database kept: {file}");
            Console.WriteLine($"inbox todo_first_page p50={Stats.Fixed(todo.P50, 2)} p95={Stats.Fixed(todo.P95, 2)} p99={Stats.Fixed(todo.P99, 2)} tasks={data.Tasks} users={data.Users}");
            return failures == 0 && warnings.Count == 0 ? 0 : 1;
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try { dir?.Delete(recursive: true); } catch (IOException) { /* a temp folder left behind is harmless */ }
        }
    }

    private static void Describe(InboxData d)
    {
        double Pct(int part, int whole) => 100.0 * part / whole;
        var sizes = Enumerable.Range(1, d.Sections - 1).Select(d.SectionSize).Order().ToArray();
        var todo = Enumerable.Range(0, d.Users).Select(d.Todo).Order().ToArray();
        var pools = d.PoolOpen.Where(p => p > 0).Order().ToArray();
        Console.WriteLine($"  organisation: sections of {sizes[0]}–{sizes[^1]} people (median {sizes[sizes.Length / 2]}), a chief each, a deputy chief from 20 people; " +
                          $"leadership: 1 director, {d.SectionSize(0) - 1} deputy directors");
        Console.WriteLine($"  tasks: {Stats.Fixed(Pct(d.Open, d.Tasks), 1)}% open ({d.Open}), {Stats.Fixed(Pct(d.Completed, d.Tasks), 1)}% completed, " +
                          $"{Stats.Fixed(Pct(d.Cancelled, d.Tasks), 1)}% cancelled, {d.Waiting} waiting (加签); requests in progress: {d.InProgress} of {d.Instances}");
        Console.WriteLine($"  open tasks: {d.OpenPool - d.OpenPoolClaimed} in section pools unclaimed (+{d.OpenPoolClaimed} claimed), {d.OpenDelegated} delegated (委派), " +
                          $"{d.OpenOnBehalf} on behalf (代理), {Stats.Fixed(Pct(d.OpenNullDue, d.Open), 0)}% without a deadline, {Stats.Fixed(Pct(d.OpenOverdue, d.Open), 0)}% overdue");
        Console.WriteLine($"  to-do per user: median {todo[todo.Length / 2]}, p90 {todo[(int)(todo.Length * 0.9)]}, p99 {todo[(int)(todo.Length * 0.99)]}, max {todo[^1]}; " +
                          $"unclaimed pools: {pools.Length} sections, largest {string.Join(", ", pools.Reverse().Take(5))}");
    }

    /// <summary>
    /// Who asks: 70% users drawn uniformly, 15% the 1% with the longest own to-do (mine + delegated: leaders),
    /// 15% members of the five sections with the largest unclaimed pools.
    /// </summary>
    private static (int User, string Group)[] Sample(InboxData d, int n, Random rnd)
    {
        var heavy = Enumerable.Range(0, d.Users).OrderByDescending(u => d.MineOpen[u] + d.DelegatedOpen[u]).Take(Math.Max(1, d.Users / 100)).ToArray();
        var pool = d.BigPoolMembers(5);
        if (pool.Length == 0) pool = heavy;
        return Enumerable.Range(0, n).Select(i => (i % 20) switch
        {
            < 14 => (rnd.Next(d.Users), "random"),
            < 17 => (heavy[rnd.Next(heavy.Length)], "heavy"),
            _ => (pool[rnd.Next(pool.Length)], "big pool"),
        }).OrderBy(_ => rnd.Next()).ToArray();
    }

    private sealed record Percentiles(double P50, double P95, double P99, double Max, double Mean);

    private static Percentiles Of(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return new Percentiles(Stats.Percentile(v, 50), Stats.Percentile(v, 95), Stats.Percentile(v, 99), v[^1], v.Average());
    }

    private static string Line(Percentiles p) =>
        $"p50={Stats.Fixed(p.P50, 2)} p95={Stats.Fixed(p.P95, 2)} p99={Stats.Fixed(p.P99, 2)} max={Stats.Fixed(p.Max, 2)} mean={Stats.Fixed(p.Mean, 2)} ms";

    private static async Task<Percentiles> MeasureAsync(string name, (int User, string Group)[] sample, (int User, string Group)[] warm, Func<int, Task> call)
    {
        foreach (var (u, _) in warm) await call(u);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var load = new MachineLoad();
        var usage = Stats.Usage.Now();
        var ms = new double[sample.Length];
        var sw = new Stopwatch();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < sample.Length; i++)
        {
            sw.Restart();
            await call(sample[i].User);
            ms[i] = sw.Elapsed.TotalMilliseconds;
        }
        total.Stop();
        var all = Of(ms);
        Console.WriteLine($"{name,-13} {Line(all)} ({sample.Length} calls in {Stats.Fixed(total.Elapsed.TotalSeconds, 1)} s; {usage.Since(sample.Length, "call")}; {load.Others()})");
        foreach (var g in sample.Select((s, i) => (s.Group, Ms: ms[i])).GroupBy(x => x.Group))
            Console.WriteLine($"  {g.Key,-11} {Line(Of(g.Select(x => x.Ms)))} ({g.Count()} calls)");
        return all;
    }

    /// <summary>A page must hold the user's to-do total and the first items by due date, nulls last.</summary>
    private static int Check(InboxData d, int user, Page<TaskItem> page)
    {
        var expected = d.Todo(user);
        if (page.Total != expected || page.Items.Count != Math.Min(20, expected)) return 1;
        for (var i = 1; i < page.Items.Count; i++)
        {
            var (a, b) = (page.Items[i - 1].DueAt, page.Items[i].DueAt);
            if (a is null && b is not null || a is not null && b is not null && a > b) return 1;
        }
        return 0;
    }

    /// <summary>Where a call's time goes: the statements EF sends, averaged over a few hundred calls.</summary>
    private static async Task BreakdownAsync(ITaskInbox inbox, InboxData data, (int User, string Group)[] sample, CancellationToken ct)
    {
        using var ef = new EfActivity();
        foreach (var (name, call) in new (string, Func<int, Task>)[]
                 {
                     ("todo", u => inbox.TodoAsync(new Actor(data.UserIds[u]), new InboxFilter(), ct)),
                     ("counts", u => inbox.CountsAsync(new Actor(data.UserIds[u]), ct)),
                 })
        {
            ef.Phase = name;
            var sw = Stopwatch.StartNew();
            foreach (var (u, _) in sample) await call(u);
            sw.Stop();
            ef.Phase = "idle";
            var commands = ef.Get(name, "commands");
            var opens = ef.Get(name, "connection opens");
            Console.WriteLine($"{name} per call ({sample.Length} calls, EF DiagnosticListener on): {Stats.Fixed(sw.Elapsed.TotalMilliseconds / sample.Length, 2)} ms wall, " +
                              $"{Stats.Fixed((double)commands.Count / sample.Length, 1)} commands ({Stats.Fixed(commands.TotalMs / sample.Length, 2)} ms), " +
                              $"{Stats.Fixed((double)opens.Count / sample.Length, 1)} connection opens ({Stats.Fixed(opens.TotalMs / sample.Length, 2)} ms)");
            foreach (var (sql, t) in ef.Statements(name))
                Console.WriteLine($"  {Stats.Fixed((double)t.Count / sample.Length, 1),4} × {Stats.Fixed(t.TotalMs / t.Count, 3),7} ms  {sql}");
        }
    }

    /// <summary>
    /// What the call pays that finds the organisation snapshot stale (it expires after a minute): TodoAsync and
    /// CountsAsync look the user's section up in it. One call a minute pays this; it is often a run's max.
    /// </summary>
    private static async Task OrgReloadAsync(OrganizationService org, InboxData data, CancellationToken ct)
    {
        var ms = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            org.Invalidate();
            var sw = Stopwatch.StartNew();
            await org.FindUserAsync(data.UserIds[i], ct);
            ms.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"organisation snapshot reload ({data.Users} users; due every {OrganizationService.MaxAge.TotalMinutes:0} min, paid by the call that finds it stale): " +
                          $"median {Stats.Fixed(Stats.Median(ms), 1)} ms of 5");
    }

    /// <summary>The SQL of one to-do call (captured from EF) and SQLite's plan for each statement.</summary>
    private static async Task PlanAsync(ITaskInbox inbox, InboxData data, string file, CancellationToken ct)
    {
        var user = data.BigPoolMembers(1).FirstOrDefault();
        foreach (var (label, filter) in new[] { ("todo", new InboxFilter()), ("todo_overdue", new InboxFilter(Overdue: true)) })
        {
            List<(string Sql, (string Name, object? Value)[] Parameters)> statements;
            using (var capture = new SqlCapture())
            {
                await inbox.TodoAsync(new Actor(data.UserIds[user]), filter, ct);
                statements = capture.Statements;
            }
            await using var c = new SqliteConnection($"Data Source={file}");
            await c.OpenAsync(ct);
            foreach (var (sql, parameters) in statements)
            {
                Console.WriteLine();
                Console.WriteLine($"[{label}] SQL for {data.UserIds[user]} ({string.Join(", ", parameters.Select(p => $"{p.Name}={Format(p.Value)}"))}):");
                Console.WriteLine(sql);
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
                var rows = new List<(int Id, int Parent, string Detail)>();
                await using (var r = await cmd.ExecuteReaderAsync(ct))
                    while (await r.ReadAsync(ct)) rows.Add((r.GetInt32(0), r.GetInt32(1), r.GetString(3)));
                Console.WriteLine("QUERY PLAN");
                var depth = new Dictionary<int, int> { [0] = 0 };
                foreach (var (id, parent, detail) in rows)
                {
                    depth[id] = depth.GetValueOrDefault(parent) + 1;
                    Console.WriteLine(new string(' ', 2 * depth[id]) + "`--" + detail);
                }
            }
        }
    }

    private static string Format(object? v) => v switch
    {
        null or DBNull => "NULL",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The commands EF executes while it is alive (from EF Core's DiagnosticListener).</summary>
    private sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public SqlCapture() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public List<(string Sql, (string Name, object? Value)[] Parameters)> Statements { get; } = [];

        void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is CommandExecutedEventData c && e.Key == RelationalEventId.CommandExecuted.Name && !c.Command.CommandText.StartsWith("PRAGMA", StringComparison.Ordinal))
                lock (Statements)
                    Statements.Add((c.Command.CommandText, c.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray()));
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions)
                foreach (var s in _subscriptions) s.Dispose();
        }
    }
}

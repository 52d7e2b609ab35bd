using System.Globalization;
using Approvals.Bench;

// Hand-run benchmark (not part of `dotnet test`):
//   dotnet run -c Release --project bench -- engine [N] [--dop D] [--runs R]
//   dotnet run -c Release --project bench -- diag [N] [--dop D]
//   dotnet run -c Release --project bench -- micro
//   dotnet run -c Release --project bench -- inbox [tasks=1000000] [users=10000] [--calls C] [--warmup W] [--keep-db PATH] [--analyze 0|1]
// "engine" measures ours, WorkflowCore and the SQLite commit ceiling, interleaved, R times (default 3),
// and ends with one summary line of medians. "diag" breaks down where our engine spends its time.
// "inbox" times the to-do list's first page (and the overdue filter and the counts) on a database of
// `tasks` task rows and `users` people, and ends with one summary line of percentiles.

var command = args.Length > 0 ? args[0] : "engine";
var positional = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal)) { i++; continue; }
    positional.Add(args[i]);
}
var countArg = positional.FirstOrDefault();
var n = countArg is not null ? int.Parse(countArg, CultureInfo.InvariantCulture) : command == "diag" ? 1000 : 10_000;
var dop = Option("--dop", 8);
var runs = Option("--runs", 3);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

switch (command)
{
    case "engine":
        return await EngineAsync(n, dop, runs, cts.Token);
    case "diag":
        await OursDiagnostics.RunAsync(n, dop, cts.Token);
        return 0;
    case "micro":
        await OursDiagnostics.MicroAsync(cts.Token);
        return 0;
    case "inbox":
        return await InboxBench.RunAsync(
            countArg is not null ? int.Parse(countArg, CultureInfo.InvariantCulture) : 1_000_000,
            positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10_000,
            Option("--calls", 2000), Option("--warmup", 200), StringOption("--keep-db"), Option("--analyze", 1) != 0, cts.Token);
    default:
        Console.Error.WriteLine("usage: engine [N] [--dop D] [--runs R] | diag [N] [--dop D] | micro | inbox [tasks] [users] [--calls C] [--warmup W] [--keep-db PATH] [--analyze 0|1]");
        return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string? StringOption(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static async Task<int> EngineAsync(int n, int dop, int runs, CancellationToken ct)
{
    Console.WriteLine($"engine throughput: N={n}, concurrency={dop}, runs={runs}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    var warmUp = Math.Min(n, 300);
    try
    {
        await OursEngineBench.RunAsync(warmUp, dop, ct);
        await WorkflowCoreBench.RunAsync(warmUp, dop, ct);
        Console.WriteLine($"warm-up done ({warmUp} instances each, not counted)");
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Console.WriteLine($"warm-up FAILED: {e.GetType().Name}: {e.Message}");
    }

    var measurements = new (string Name, string Unit, Func<Task<RunResult>> Run, List<double> Rates)[]
    {
        ("ours", "instances/s", () => OursEngineBench.RunAsync(n, dop, ct), []),
        ("workflowcore", "instances/s", () => WorkflowCoreBench.RunAsync(n, dop, ct), []),
        ("sqlite", "commits/s", () => SqliteCommitBench.RunAsync(writers: 1, ct), []),
    };
    var failures = 0;
    for (var run = 1; run <= runs; run++)
    {
        foreach (var m in measurements)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            try
            {
                var load = new MachineLoad();
                var r = await m.Run();
                m.Rates.Add(r.PerSecond);
                var others = load.Others();
                Console.WriteLine($"run {run}/{runs} {m.Name,-12} {Stats.Rate(r.PerSecond),8} {m.Unit} ({Stats.Fixed(r.Seconds, 2)} s; {r.Detail}{(others.Length > 0 ? "; " + others : "")})");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
                Console.WriteLine($"run {run}/{runs} {m.Name,-12} FAILED: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    var ours = Stats.Median(measurements[0].Rates);
    var wfc = Stats.Median(measurements[1].Rates);
    var sqlite = Stats.Median(measurements[2].Rates);
    if (failures > 0) Console.WriteLine($"{failures} run(s) failed; medians are over the runs that passed");
    Console.WriteLine($"approvals/s ours={Stats.Rate(ours)} workflowcore={Stats.Rate(wfc)} ratio={Stats.Fixed(ours / wfc, 2)} sqlite_commits/s={Stats.Rate(sqlite)}");
    return failures == 0 ? 0 : 1;
}

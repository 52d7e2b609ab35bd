using System.Globalization;

namespace Approvals.Bench;

/// <summary>One timed run of one measurement: a rate, and what a person needs to judge it.</summary>
public sealed record RunResult(double PerSecond, double Seconds, string Detail);

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The nearest-rank percentile (0–100) of values sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>An integer rate with no thousands separators.</summary>
    public static string Rate(double v) => double.IsFinite(v) ? Math.Round(v).ToString("F0", CultureInfo.InvariantCulture) : "NaN";

    public static string Fixed(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "NaN";

    /// <summary>This process's CPU time so far (all threads).</summary>
    public static TimeSpan Cpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>CPU milliseconds per item, e.g. "1.23 ms CPU/instance".</summary>
    public static string CpuPer(TimeSpan cpu, int items, string item) =>
        (cpu.TotalMilliseconds / items).ToString("F2", CultureInfo.InvariantCulture) + " ms CPU/" + item;

    /// <summary>A snapshot of CPU time, allocations and GC pauses, to report per instance after a run.</summary>
    public readonly record struct Usage(TimeSpan Cpu, long Allocated, TimeSpan GcPause, int Gen2)
    {
        public static Usage Now() => new(Stats.Cpu(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));

        /// <summary>"1.23 ms CPU/instance, 45 KB allocated/instance, GC pauses 120 ms (3 gen2)" since this snapshot.</summary>
        public string Since(int items, string item)
        {
            var before = this;
            var now = Now();
            return $"{CpuPer(now.Cpu - before.Cpu, items, item)}, " +
                   $"{((now.Allocated - before.Allocated) / 1024.0 / items).ToString("F0", CultureInfo.InvariantCulture)} KB allocated/{item}, " +
                   $"GC pauses {Ms(now.GcPause - before.GcPause)} ({now.Gen2 - before.Gen2} gen2)";
        }
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}

using System.Diagnostics;
using System.Globalization;

namespace Approvals.Bench;

/// <summary>
/// How much of the machine's CPU other processes used while a run was timed (Linux /proc/stat minus
/// this process's own CPU time). On a shared 2-core box a busy neighbour halves what we can measure.
/// </summary>
internal sealed class MachineLoad
{
    private const double JiffiesPerSecond = 100; // USER_HZ
    private readonly (long Busy, long Total)? _start = Read();
    private readonly TimeSpan _ownStart = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>"others used 12% CPU", or an empty string where /proc/stat is not there.</summary>
    public string Others()
    {
        if (_start is not { } start || Read() is not { } end) return "";
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _ownStart).TotalSeconds * JiffiesPerSecond;
        var total = end.Total - start.Total;
        if (total <= 0) return "";
        var others = Math.Clamp((end.Busy - start.Busy - own) / total, 0, 1);
        return $"others used {Stats.Fixed(others * 100, 0)}% CPU";
    }

    private static (long Busy, long Total)? Read()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
            var total = v.Take(8).Sum();
            return (total - v[3] - v[4], total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

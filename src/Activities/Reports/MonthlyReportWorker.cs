using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.Activities.Reports;

/// <summary>
/// Posts the monthly reports to the office's WeCom group on the first working day of each month after 09:00
/// (office time), once across every host (see <see cref="MonthlyReportPublisher.PostDueAsync"/>). It checks
/// every <see cref="Interval"/> on the injected <see cref="TimeProvider"/>, so a host that was down on the
/// day catches up later in the month; without a WeCom webhook it does nothing.
/// </summary>
public sealed class MonthlyReportWorker(MonthlyReportPublisher publisher, TimeProvider clock, ILogger<MonthlyReportWorker> log) : BackgroundService
{
    /// <summary>How often the schedule is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>One check: posts what is due; returns how many reports this host posted.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct = default) => publisher.PostDueAsync(ct);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Monthly report check failed; trying again in {Interval}", Interval); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Timers;

/// <summary>Runs <see cref="TimerDispatcher"/> in the background, once per poll interval of the clock.</summary>
public sealed class TimerWorker(TimerDispatcher dispatcher, TimeProvider clock, WorkflowEngineOptions options, ILogger<TimerWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await dispatcher.RunDueAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Timer pass failed"); }
            try { await Task.Delay(options.TimerPollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}

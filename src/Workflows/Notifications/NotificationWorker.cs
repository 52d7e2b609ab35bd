using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Notifications;

/// <summary>Runs <see cref="NotificationDispatcher"/> in the background, once per poll interval of the clock.</summary>
public sealed class NotificationWorker(NotificationDispatcher dispatcher, TimeProvider clock, NotificationOptions options, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await dispatcher.RunDueAsync(stoppingToken); }
            // Anything but stopping (a database hiccup, a stray timeout) only costs this pass.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Notification pass failed"); }
            try { await Task.Delay(options.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}

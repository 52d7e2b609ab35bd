using Approvals.Host.Operations;
using Approvals.Host.Startup;
using Approvals.Workflows;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Health;

/// <summary>
/// What <c>/health</c> checks, so it turns red before users notice: the database answers; the data and attachment folders
/// take a write and have room; the last scheduled backup succeeded recently; the timer worker keeps up; the notification
/// outbox drains. The worst check is the overall status.
/// </summary>
public sealed class HealthReport(ApprovalsDb db, HostPaths paths, HealthOptions options, WorkflowEngineOptions engine,
    NightlyBackup backup, TimeProvider clock)
{
    public async Task<IReadOnlyList<HealthCheck>> RunAsync(CancellationToken ct)
    {
        var checks = new List<HealthCheck> { await DatabaseAsync(ct) };
        checks.AddRange(Folder("data-folder", paths.Data));
        checks.AddRange(Folder("attachments-folder", paths.Attachments));
        checks.Add(Backup());
        if (checks[0].Status == HealthCheck.Healthy)
        {
            checks.Add(await TimersAsync(ct));
            checks.Add(await OutboxAsync(ct));
        }
        return checks;
    }

    private async Task<HealthCheck> DatabaseAsync(CancellationToken ct)
    {
        try
        {
            await using var ctx = db.Create();
            return await ctx.Database.CanConnectAsync(ct)
                ? new HealthCheck("database", HealthCheck.Healthy, null, new { provider = db.Options.Provider })
                : new HealthCheck("database", HealthCheck.Unhealthy, "the database cannot be reached", new { provider = db.Options.Provider });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheck("database", HealthCheck.Unhealthy, $"the database cannot be reached: {e.Message}", new { provider = db.Options.Provider });
        }
    }

    /// <summary>A write probe (a small file written, flushed and deleted) and the free space of the folder's disk.</summary>
    private IEnumerable<HealthCheck> Folder(string name, string folder)
    {
        var probe = Path.Combine(folder, $".health-probe-{Guid.NewGuid():N}");
        HealthCheck write;
        try
        {
            if (!Directory.Exists(folder)) PrivateFiles.Folder(folder);
            using (var file = new FileStream(probe, PrivateFiles.NewFile()))
            {
                file.Write("ok"u8);
                file.Flush(flushToDisk: true);
            }
            File.Delete(probe);
            write = new HealthCheck(name + "-write", HealthCheck.Healthy, null, new { folder });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(probe); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { /* the probe's failure is the news */ }
            write = new HealthCheck(name + "-write", HealthCheck.Unhealthy, $"{folder} does not take a write: {e.Message}", new { folder });
        }
        yield return write;

        HealthCheck space;
        try
        {
            var existing = Directory.Exists(folder) ? folder : Path.GetDirectoryName(folder) ?? folder;
            // On Unix DriveInfo asks statvfs about the path itself, so a disk mounted under the data folder is the one measured.
            var free = new DriveInfo(OperatingSystem.IsWindows() ? Path.GetPathRoot(Path.GetFullPath(existing))! : existing).AvailableFreeSpace;
            var mb = free / 1024 / 1024;
            var status = mb < options.CriticalFreeMegabytes ? HealthCheck.Unhealthy : mb < options.MinFreeMegabytes ? HealthCheck.Degraded : HealthCheck.Healthy;
            space = new HealthCheck(name + "-space", status,
                status == HealthCheck.Healthy ? null : $"{mb} MB free on the disk of {folder} (threshold {options.MinFreeMegabytes} MB, critical {options.CriticalFreeMegabytes} MB)",
                new { folder, freeMegabytes = mb });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            space = new HealthCheck(name + "-space", HealthCheck.Degraded, $"the free space of {folder} is unknown: {e.Message}", new { folder });
        }
        yield return space;
    }

    private HealthCheck Backup()
    {
        var last = backup.Last;
        var data = new
        {
            nightly = backup.Enabled, at = backup.Options.At, folder = backup.Folder, keep = backup.Options.Keep,
            last = last is null ? null : new { at = last.At, ok = last.Ok, folder = last.Folder, bytes = last.Bytes, error = last.Error, lastSuccessAt = last.LastSuccessAt },
        };
        if (!backup.Enabled) return new HealthCheck("backup", HealthCheck.Healthy, null, data);
        var now = clock.GetUtcNow();
        if (last is { Ok: false })
            return new HealthCheck("backup", HealthCheck.Degraded, $"the last backup ({last.At:u}) failed: {last.Error}", data);
        var since = last?.LastSuccessAt;
        // A fresh installation has had no night yet: stale only once a whole period passed since it started.
        if (since is null && now - StartedAt < TimeSpan.FromHours(backup.Options.MaxAgeHours)) return new HealthCheck("backup", HealthCheck.Healthy, null, data);
        if (since is null || now - since > TimeSpan.FromHours(backup.Options.MaxAgeHours))
            return new HealthCheck("backup", HealthCheck.Degraded,
                since is null ? "no backup has succeeded yet" : $"the last successful backup is from {since:u}, older than {backup.Options.MaxAgeHours} hours", data);
        return new HealthCheck("backup", HealthCheck.Healthy, null, data);
    }

    private DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    private async Task<HealthCheck> TimersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var late = now - TimeSpan.FromMinutes(options.TimerLagMinutes);
        await using var ctx = db.Create();
        var overdue = ctx.Timers.AsNoTracking().Where(t => t.DueAt < late && t.Attempts <= engine.MaxTimerAttempts);
        var count = await overdue.CountAsync(ct);
        if (count == 0) return new HealthCheck("timers", HealthCheck.Healthy, null, new { overdue = 0 });
        var oldest = await overdue.MinAsync(t => t.DueAt, ct);
        return new HealthCheck("timers", HealthCheck.Degraded,
            $"{count} timers are more than {options.TimerLagMinutes} minutes overdue (oldest due {DateTime.SpecifyKind(oldest, DateTimeKind.Utc):u}): the timer worker lags or stopped",
            new { overdue = count, oldestDueAt = DateTime.SpecifyKind(oldest, DateTimeKind.Utc) });
    }

    private async Task<HealthCheck> OutboxAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var late = now - TimeSpan.FromMinutes(options.OutboxLagMinutes);
        await using var ctx = db.Create();
        var waiting = ctx.Notifications.AsNoTracking().Where(n => n.DeliveredAt == null && n.CreatedAt < late);
        var count = await waiting.CountAsync(ct);
        if (count == 0) return new HealthCheck("outbox", HealthCheck.Healthy, null, new { undelivered = 0 });
        var oldest = await waiting.MinAsync(n => n.CreatedAt, ct);
        return new HealthCheck("outbox", HealthCheck.Degraded,
            $"{count} notifications are undelivered after more than {options.OutboxLagMinutes} minutes (oldest {DateTime.SpecifyKind(oldest, DateTimeKind.Utc):u})",
            new { undelivered = count, oldestCreatedAt = DateTime.SpecifyKind(oldest, DateTimeKind.Utc) });
    }
}

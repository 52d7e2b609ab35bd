using Approvals.Host.Startup;

namespace Approvals.Host.Operations;

/// <summary>
/// The scheduled backup: every day at <see cref="NightlyBackupOptions.At"/> (server local time, from the host's
/// <see cref="TimeProvider"/>) the same backup as <c>backup --to</c> into a new folder <c>approvals-yyyyMMdd-HHmmss</c> under
/// <see cref="NightlyBackupOptions.Folder"/>; after a success only the newest <see cref="NightlyBackupOptions.Keep"/> are kept.
/// Each result is recorded (<see cref="BackupStatus"/>) for <c>/health</c> and the admin page.
/// </summary>
public sealed class NightlyBackup(NightlyBackupOptions options, IConfiguration config, HostPaths paths, TimeProvider clock,
    ILogger<NightlyBackup> log) : BackgroundService
{
    public const string Prefix = "approvals-";
    private readonly SemaphoreSlim _one = new(1, 1);

    public bool Enabled { get; } = options.Nightly ?? false;
    public NightlyBackupOptions Options => options;

    /// <summary>The folder holding the backups.</summary>
    public string Folder { get; } = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Folder)
        ? Path.Combine(Path.GetDirectoryName(paths.Data.TrimEnd(Path.DirectorySeparatorChar)) ?? paths.Root, "backups")
        : options.Folder, paths.Root);

    /// <summary>The last recorded result, or null when none ran yet.</summary>
    public BackupStatus? Last => BackupStatus.Read(paths.Data);

    /// <summary>When the next scheduled backup is due after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, clock.LocalTimeZone);
        var at = new DateTimeOffset(local.Date + options.TimeOfDay.ToTimeSpan(), local.Offset);
        return at > local ? at : at.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        _ = options.TimeOfDay; // a bad Backup:At stops the host at start, not at 02:30
        log.LogInformation("Nightly backup at {At} into {Folder}, keeping {Keep}", options.At, Folder, options.Keep);
        var next = NextAfter(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - clock.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException) { return; }
            await RunAsync(stoppingToken);
            // The schedule follows the slots, not the moment this loop comes round again, so a slot is never skipped; one
            // missed while the host was suspended or a backup ran long is made up at once, then the schedule resumes.
            next = NextAfter(next);
            if (next < clock.GetUtcNow()) next = clock.GetUtcNow();
        }
    }

    /// <summary>One backup now, recorded; never throws (a failure is the recorded result).</summary>
    public async Task<BackupStatus> RunAsync(CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        try
        {
            var started = clock.GetUtcNow();
            var local = TimeZoneInfo.ConvertTime(started, clock.LocalTimeZone);
            var target = Path.Combine(Folder, $"{Prefix}{local:yyyyMMdd-HHmmss}");
            BackupStatus status;
            try
            {
                await Task.Run(() => DataBackup.Run(OperationsTarget.From(config, paths), target, clock), ct);
                status = new BackupStatus(started, true, target, SizeOf(target), null, started);
                log.LogInformation("Nightly backup written to {Folder} ({Bytes} bytes)", target, status.Bytes);
                Prune();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Nightly backup into {Folder} failed", target);
                status = new BackupStatus(started, false, target, 0, e.Message, Last?.LastSuccessAt);
            }
            try
            {
                status.Write(paths.Data);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogError(e, "The backup result could not be recorded in {Folder}", paths.Data);
            }
            return status;
        }
        finally { _one.Release(); }
    }

    /// <summary>Deletes the oldest complete backups beyond the retention count (never a folder without a manifest).</summary>
    private void Prune()
    {
        var backups = Directory.GetDirectories(Folder, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, BackupManifest.FileName)))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var old in backups.Take(Math.Max(0, backups.Count - Math.Max(1, options.Keep))))
        {
            try { Directory.Delete(old, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { log.LogWarning(e, "Old backup {Folder} could not be deleted", old); }
        }
    }

    private static long SizeOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}

using System.Globalization;
using Approvals.Host.Components.Pages.Admin;
using Approvals.Host.Operations;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using static Approvals.Host.Tests.Health.HealthHost;

namespace Approvals.Host.Tests.Health;

/// <summary>
/// The nightly backup on the host's clock (a fake one here): at the configured time a complete backup is written, only the
/// newest <c>Backup:Keep</c> remain, and each result (time, ok or failed, folder, size) is recorded and shown in
/// <c>/health</c> and on the admin page; a failed backup turns <c>/health</c> degraded with its reason.
/// </summary>
public sealed class NightlyBackupTests : IDisposable
{
    // 01:00 UTC; the fake clock's local time zone is UTC, so 02:30 is 90 minutes away.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
    private readonly string _backups = Operations.Operations.NewBackupFolder();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    [Fact]
    public async Task Backups_run_at_the_configured_time_keep_the_newest_two_and_a_failure_turns_health_degraded()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = new HealthHost(new Dictionary<string, string>
        {
            ["Backup:Nightly"] = "true", ["Backup:At"] = "02:30", ["Backup:Folder"] = _backups, ["Backup:Keep"] = "2",
        }, s => s.AddSingleton<TimeProvider>(clock));
        var (_, before) = await host.HealthAsync();
        Assert.Equal("Healthy", (string?)Check(before, "backup")["status"]);
        Assert.True((bool)Check(before, "backup")["data"]!["nightly"]!);
        Assert.Null(Check(before, "backup")["data"]!["last"]);

        // Nothing before the hour.
        clock.Advance(TimeSpan.FromMinutes(89));
        Assert.False(Directory.Exists(_backups) && Directory.EnumerateDirectories(_backups).Any());

        var first = await NextBackupAsync(host, clock, new DateTimeOffset(2026, 12, 8, 2, 30, 0, TimeSpan.Zero));
        Assert.True(first.Ok, first.Error);
        Assert.Equal(Path.Combine(_backups, "approvals-20261208-023000"), first.Folder);
        Assert.True(File.Exists(Path.Combine(first.Folder, BackupManifest.FileName)));
        Assert.True(first.Bytes > 0);
        var (status, health) = await host.HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        var last = Check(health, "backup")["data"]!["last"]!;
        Assert.Equal((true, first.Folder, first.Bytes), ((bool)last["ok"]!, (string?)last["folder"], (long)last["bytes"]!));

        await NextBackupAsync(host, clock, new DateTimeOffset(2026, 12, 9, 2, 30, 0, TimeSpan.Zero));
        await NextBackupAsync(host, clock, new DateTimeOffset(2026, 12, 10, 2, 30, 0, TimeSpan.Zero));
        Assert.Equal(["approvals-20261209-023000", "approvals-20261210-023000"],
            Directory.GetDirectories(_backups).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The next night's folder cannot be created (a file stands in its place): the failure is recorded and told.
        await File.WriteAllTextAsync(Path.Combine(_backups, "approvals-20261211-023000"), "in the way", Api.Ct);
        var failed = await NextBackupAsync(host, clock, new DateTimeOffset(2026, 12, 11, 2, 30, 0, TimeSpan.Zero));
        Assert.False(failed.Ok);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 2, 30, 0, TimeSpan.Zero), failed.LastSuccessAt);
        (status, health) = await host.HealthAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Contains(health["reasons"]!.AsArray(), r => ((string)r!).StartsWith("backup: the last backup", StringComparison.Ordinal) && ((string)r!).Contains("failed"));
        // The two good backups are still there: a failure deletes nothing.
        Assert.Equal(2, Directory.GetDirectories(_backups).Length);
    }

    [Fact]
    public async Task The_admin_page_card_shows_the_schedule_and_the_last_result_in_chinese()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        using var folder = HostFolder.Create();
        var clock = new FakeTimeProvider(Start);
        var paths = new Approvals.Host.Startup.HostPaths(folder.Root, folder.Data, folder.Workflows, folder.Logs, Path.Combine(folder.Data, "attachments"));
        var options = new NightlyBackupOptions { Nightly = true, At = "02:30", Folder = _backups, Keep = 7 };
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite", ["Storage:ConnectionString"] = folder.ConnectionString,
        }).Build();
        var backup = new NightlyBackup(options, config, paths, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<NightlyBackup>.Instance);
        await using (var host = HostFactory.On(folder)) host.CreateClient().Dispose(); // a real database to back up
        var done = await backup.RunAsync(Api.Ct);
        Assert.True(done.Ok, done.Error);

        await using var ctx = new BunitContext();
        ctx.Services.AddSingleton(backup);
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var card = ctx.Render<BackupCard>();

        Assert.Contains($"每日 02:30 自动备份到 {_backups}，保留最近 7 份", card.Find("#backup-schedule").TextContent);
        var lastText = card.Find("#backup-last").TextContent;
        Assert.Contains("上次备份成功", lastText);
        Assert.Contains(done.Folder, lastText);
        Assert.Contains("2026-12-08 09:00", lastText); // office time (UTC+8) of the fake clock's 01:00 UTC
    }

    /// <summary>
    /// Moves the clock to <paramref name="at"/> in two steps (to a second before, then the second), so the worker's wait is
    /// due whether it registered before or after the first step; then waits for the result of that run.
    /// </summary>
    private static async Task<BackupStatus> NextBackupAsync(HealthHost host, FakeTimeProvider clock, DateTimeOffset at)
    {
        clock.Advance(at - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        // Bounded, so a backup that never comes fails the test instead of hanging the run.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Api.Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (BackupStatus.Read(host.Folder.Data) is { } s && s.At == at) return s;
            try { await Task.Delay(50, limit.Token); }
            catch (OperationCanceledException) { Assert.Fail($"no backup recorded for {at:O} within 60 s"); throw; }
        }
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        try { if (Directory.Exists(_backups)) Directory.Delete(_backups, recursive: true); }
        catch (IOException) { }
    }
}

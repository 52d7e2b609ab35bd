using Approvals.Workflows.Notifications;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.Health.HealthHost;

namespace Approvals.Host.Tests.Health;

/// <summary>
/// <c>/health</c> tells the truth: each check is listed; a disk under the configured free-space threshold is degraded and
/// under the critical level unhealthy (503); a folder that does not take a write is unhealthy; a due timer nobody fired and
/// a notification nobody delivered are degraded, each with its reason.
/// </summary>
public sealed class HealthChecksTests
{
    [Fact]
    public async Task A_sound_host_is_healthy_lists_every_check_and_keeps_its_calendar_and_provider()
    {
        await using var host = new HealthHost();
        var (status, health) = await host.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal("Sqlite", (string?)health["database"]);
        Assert.Contains(2026, health["calendar"]!.AsArray().Select(y => (int)y!));
        Assert.Equal(["database", "data-folder-write", "data-folder-space", "attachments-folder-write", "attachments-folder-space", "backup", "timers", "outbox"],
            health["checks"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Empty(health["reasons"]!.AsArray());
        Assert.True((long)Check(health, "data-folder-space")["data"]!["freeMegabytes"]! > 0);
        // Off outside Production, and said so.
        Assert.False((bool)Check(health, "backup")["data"]!["nightly"]!);
    }

    [Fact]
    public async Task Free_space_under_the_configured_threshold_is_degraded_with_the_reason()
    {
        await using var host = new HealthHost(new Dictionary<string, string> { ["Health:MinFreeMegabytes"] = "999999999999" });
        var (status, health) = await host.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Equal("Degraded", (string?)Check(health, "data-folder-space")["status"]);
        Assert.Contains(health["reasons"]!.AsArray(), r => ((string)r!).StartsWith("data-folder-space:", StringComparison.Ordinal) && ((string)r!).Contains("MB free"));
    }

    [Fact]
    public async Task Free_space_under_the_critical_level_is_unhealthy_and_503()
    {
        await using var host = new HealthHost(new Dictionary<string, string> { ["Health:CriticalFreeMegabytes"] = "999999999999" });
        var (status, health) = await host.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)health["status"]);
        Assert.Equal("Unhealthy", (string?)Check(health, "attachments-folder-space")["status"]);
    }

    [Fact]
    public async Task An_attachment_folder_that_does_not_take_a_write_is_unhealthy_and_503()
    {
        await using var host = new HealthHost();
        Assert.Equal(HttpStatusCode.OK, (await host.HealthAsync()).Status);
        var folder = Path.Combine(host.Folder.Data, "attachments");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        // A file where the folder should be: no probe can be written under it (root passes permission checks, not this).
        await File.WriteAllTextAsync(folder, "not a folder", Api.Ct);

        var (status, health) = await host.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)Check(health, "attachments-folder-write")["status"]);
        Assert.Contains(health["reasons"]!.AsArray(), r => ((string)r!).StartsWith("attachments-folder-write:", StringComparison.Ordinal));
        Assert.Equal("Healthy", (string?)Check(health, "data-folder-write")["status"]);
    }

    [Fact]
    public async Task A_due_timer_nobody_fired_and_a_notification_nobody_delivered_are_degraded_with_their_reasons()
    {
        // The two workers stopped (as a crashed worker thread would leave them); the rows wait.
        await using var host = new HealthHost(services: s => { Without<TimerWorker>(s); Without<NotificationWorker>(s); });
        Assert.Equal("Healthy", (string?)(await host.HealthAsync()).Body["status"]);
        var db = host.Services.GetRequiredService<ApprovalsDb>();
        var hourAgo = DateTime.UtcNow.AddHours(-1);
        await using (var ctx = db.Create())
        {
            ctx.Timers.Add(new WorkflowTimer { Id = Guid.NewGuid().ToString("N"), InstanceId = "i-health", BookmarkId = "b-health", Name = "deadline", DueAt = hourAgo });
            ctx.Notifications.Add(new Notification { Id = Guid.NewGuid().ToString("N"), UserId = "admin", Title = "待办", CreatedAt = hourAgo, NextAttemptAt = hourAgo });
            await ctx.SaveChangesAsync(Api.Ct);
        }

        var (status, health) = await host.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Equal(1, (int)Check(health, "timers")["data"]!["overdue"]!);
        Assert.Equal(1, (int)Check(health, "outbox")["data"]!["undelivered"]!);
        var reasons = health["reasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("timers:", StringComparison.Ordinal) && r.Contains("timer worker"));
        Assert.Contains(reasons, r => r.StartsWith("outbox:", StringComparison.Ordinal) && r.Contains("undelivered"));
    }
}

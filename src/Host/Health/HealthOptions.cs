namespace Approvals.Host.Health;

/// <summary>The thresholds of <c>/health</c> (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>Free space under which a folder's disk is degraded (default 1024 MB).</summary>
    public long MinFreeMegabytes { get; set; } = 1024;

    /// <summary>Free space under which it is unhealthy: writes are about to fail (default 100 MB).</summary>
    public long CriticalFreeMegabytes { get; set; } = 100;

    /// <summary>A due timer not fired for longer than this means the timer worker lags or stopped (default 10 minutes).</summary>
    public double TimerLagMinutes { get; set; } = 10;

    /// <summary>An undelivered notification older than this means the outbox is stuck (default 30 minutes).</summary>
    public double OutboxLagMinutes { get; set; } = 30;
}

/// <summary>One check of <c>/health</c>: its name, <c>Healthy</c> / <c>Degraded</c> / <c>Unhealthy</c>, and why.</summary>
public sealed record HealthCheck(string Name, string Status, string? Reason, object? Data = null)
{
    public const string Healthy = "Healthy", Degraded = "Degraded", Unhealthy = "Unhealthy";

    public static int Rank(string status) => status switch { Unhealthy => 2, Degraded => 1, _ => 0 };
}

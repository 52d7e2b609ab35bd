namespace Approvals.Host.Operations;

/// <summary>
/// The scheduled backup (configuration section <c>Backup</c>). On by default in Production, off in Development and in
/// tests (a developer's machine should not fill up with copies); <c>Backup:Nightly</c> decides either way.
/// </summary>
public sealed class NightlyBackupOptions
{
    /// <summary>Whether the nightly backup runs; null: on in Production only.</summary>
    public bool? Nightly { get; set; }

    /// <summary>The time of day it runs, in the server's local time zone (HH:mm, default 02:30).</summary>
    public string At { get; set; } = "02:30";

    /// <summary>Where the backup folders go; default <c>backups</c> beside the data folder. Best on another disk.</summary>
    public string? Folder { get; set; }

    /// <summary>How many backups are kept; older ones are deleted after a successful backup (default 7).</summary>
    public int Keep { get; set; } = 7;

    /// <summary>A last successful backup older than this makes <c>/health</c> degraded (default 26 hours).</summary>
    public double MaxAgeHours { get; set; } = 26;

    public TimeOnly TimeOfDay => TimeOnly.TryParseExact(At, "HH:mm", out var t) ? t
        : throw new InvalidOperationException($"Backup:At must be HH:mm (e.g. 02:30), not '{At}'.");
}

namespace Approvals.Workflows.Calendar;

/// <summary>
/// The office's working hours and time zone (rule 1: 08:40–17:30, Asia/Shanghai).
/// Settable properties so the host can bind them from configuration.
/// </summary>
public sealed class WorkingHours
{
    /// <summary>The time zone id used when none is configured.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>Local time the working day starts (default 08:40).</summary>
    public TimeOnly Start { get; set; } = new(8, 40);

    /// <summary>Local time the working day ends (default 17:30); the end itself is no longer working time.</summary>
    public TimeOnly End { get; set; } = new(17, 30);

    /// <summary>
    /// The office's time zone id (default <c>Asia/Shanghai</c>). IANA ids work on Linux and, through
    /// ICU, on Windows too.
    /// </summary>
    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    /// <summary>Looks up <see cref="TimeZoneId"/>.</summary>
    /// <exception cref="TimeZoneNotFoundException">The id is unknown on this machine.</exception>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

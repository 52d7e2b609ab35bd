namespace Approvals.Activities.Reports;

/// <summary>How hard <see cref="WeComReport"/> tries before the failure becomes an incident.</summary>
public sealed class WeComReportOptions
{
    /// <summary>Attempts in all (at least one).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);
}

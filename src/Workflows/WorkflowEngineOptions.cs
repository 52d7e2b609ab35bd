namespace Approvals.Workflows;

/// <summary>Engine settings (configuration section <c>Engine</c>).</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>A burst that runs more activities than this without waiting stops with an incident (a loop guard).</summary>
    public int MaxActivitiesPerBurst { get; set; } = 1000;
    /// <summary>
    /// How often a change that lost a race on the same instance (or on a shared counter such as a document
    /// number) is re-run on fresh state before the caller gets a conflict.
    /// </summary>
    public int ConflictRetries { get; set; } = 60;
    /// <summary>How often the timer worker looks for due timers.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a host holds a timer it picked up before another host may take it.</summary>
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// How many times a timer's burst may be started without committing (it threw, or the host died
    /// during it) before the instance is quarantined: faulted with an incident, the timer no longer fired
    /// until an administrator retries. Keeps one poison case from putting the host in a crash loop.
    /// </summary>
    public int MaxTimerAttempts { get; set; } = 3;
    /// <summary>The sandbox of JavaScript expressions.</summary>
    public Expressions.ExpressionLimits Expressions { get; set; } = new();
}

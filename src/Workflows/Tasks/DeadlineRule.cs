namespace Approvals.Workflows.Tasks;

/// <summary>
/// When a step is due: <c>{ "kind": "duration", "value": "PT4H" }</c>. Calendar-aware kinds
/// (end of working day, working hours, working days, a form field) come with the office rules.
/// </summary>
public sealed class DeadlineRule
{
    public string Kind { get; set; } = "duration";
    public string? Value { get; set; }
    /// <summary>Remind assignees this long before the deadline (ISO 8601), if set.</summary>
    public string? RemindBefore { get; set; }
}

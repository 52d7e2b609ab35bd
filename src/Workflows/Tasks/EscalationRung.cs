namespace Approvals.Workflows.Tasks;

/// <summary>
/// One rung of a step's escalation ladder (一督到底): when the work is still open at
/// <see cref="After"/> relative to the deadline, <see cref="To"/> is told (and the case is marked for
/// the overdue report when <see cref="Report"/> is set).
/// <c>{ "after": "workingDays", "value": "1", "to": "deputyDirector" }</c>.
/// </summary>
public sealed class EscalationRung
{
    /// <summary><c>deadline</c> (at the deadline), <c>workingHours</c>, <c>workingDays</c> or <c>duration</c> (ISO 8601) after it.</summary>
    public string After { get; set; } = "deadline";
    public string? Value { get; set; }
    /// <summary><c>assigneeChief</c>, <c>deputyDirector</c> (of the assignee's section), <c>director</c>, or <c>users</c>.</summary>
    public string To { get; set; } = "assigneeChief";
    public List<string>? Users { get; set; }
    /// <summary>Marks the case as reported overdue (通报) from this rung on.</summary>
    public bool Report { get; set; }
}

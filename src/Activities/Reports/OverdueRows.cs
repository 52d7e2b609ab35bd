namespace Approvals.Activities.Reports;

/// <summary>
/// One line of the overdue report: a section and an owner, with how many of their tasks were overdue in
/// the month, how late, and which were escalated to the director or put on the report (通报).
/// </summary>
/// <param name="SectionId">The owner's section (for an unclaimed pool task, the pool's section).</param>
/// <param name="SectionName">The section's Chinese name.</param>
/// <param name="OwnerId">The assignee; null for an unclaimed pool task.</param>
/// <param name="OwnerName">The assignee's name.</param>
/// <param name="Count">Overdue tasks in the month.</param>
/// <param name="SupervisionCount">Of these, tasks of supervision items (督办件).</param>
/// <param name="StillOpen">Of these, still not done at the end of the month (or now, for the current month).</param>
/// <param name="TotalWorkingDaysLate">Working days late, summed.</param>
/// <param name="MaxWorkingDaysLate">The latest one, in working days.</param>
/// <param name="EscalatedToDirector">Tasks escalated to the director.</param>
/// <param name="ReportedOverdue">Tasks put on the overdue report.</param>
/// <param name="Items">The tasks themselves, latest first.</param>
public sealed record OverdueOwnerRow(
    string? SectionId, string SectionName, string? OwnerId, string OwnerName, int Count, int SupervisionCount, int StillOpen,
    int TotalWorkingDaysLate, int MaxWorkingDaysLate, int EscalatedToDirector, int ReportedOverdue, IReadOnlyList<OverdueItem> Items);

/// <summary>One overdue task.</summary>
/// <param name="InstanceId">The case.</param>
/// <param name="TaskId">The task.</param>
/// <param name="DefinitionId">The flow's id.</param>
/// <param name="FlowName">The flow's Chinese name.</param>
/// <param name="ActivityId">The step.</param>
/// <param name="Title">The task's title.</param>
/// <param name="DueAt">The deadline (UTC).</param>
/// <param name="CompletedAt">When it was done (UTC); null while open.</param>
/// <param name="StillOpen">Not done by the end of the month (or by now, for the current month).</param>
/// <param name="WorkingDaysLate">Working days after the deadline's day until it was done (or the month's end / now when still open); 0 means late the same day.</param>
/// <param name="IsSupervision">A task of a supervision item (督办件).</param>
/// <param name="EscalatedToDirector">The ladder reached the director.</param>
/// <param name="ReportedOverdue">Marked for the overdue report (通报).</param>
public sealed record OverdueItem(
    string InstanceId, string TaskId, string DefinitionId, string FlowName, string ActivityId, string Title, DateTime DueAt, DateTime? CompletedAt,
    bool StillOpen, int WorkingDaysLate, bool IsSupervision, bool EscalatedToDirector, bool ReportedOverdue);

namespace Approvals.Activities.Leave;

/// <summary>One line of the monthly leave statistics: a person's approved leave of one type in the month.</summary>
/// <param name="Kind">Always <c>leave</c> (the report also holds <see cref="LeaveNotReportedBackRow"/> lines).</param>
/// <param name="Count">Leaves of this type with working days in the month (a leave spanning months counts in each).</param>
/// <param name="WorkingDays">Their working days inside the month, up to the report-back when it came early.</param>
public sealed record LeaveStatisticsRow(string Kind, string UserId, string Name, string SectionId, string Section,
    string LeaveType, string LeaveTypeZh, string LeaveTypeEn, int Count, decimal WorkingDays);

/// <summary>A leave of the month that has ended and was not reported back (未销假) when the report was built.</summary>
/// <param name="Kind">Always <c>notReportedBack</c>.</param>
/// <param name="LastDay">The last day of the leave (office-local).</param>
/// <param name="ReportBackDueAt">When the report-back was due (UTC).</param>
/// <param name="Overdue">The due time has passed.</param>
public sealed record LeaveNotReportedBackRow(string Kind, string UserId, string Name, string SectionId, string Section,
    string LeaveType, string LeaveTypeZh, string LeaveTypeEn, string InstanceId, DateOnly LastDay, DateTime ReportBackDueAt, bool Overdue);

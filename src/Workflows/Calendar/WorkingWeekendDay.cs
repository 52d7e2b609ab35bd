namespace Approvals.Workflows.Calendar;

/// <summary>
/// A Saturday or Sunday declared a working day (调休上班) to make up for a holiday.
/// </summary>
/// <param name="Date">The weekend day that is worked.</param>
/// <param name="Note">Why it is worked, e.g. 国庆调休; optional.</param>
public sealed record WorkingWeekendDay(DateOnly Date, string? Note = null);

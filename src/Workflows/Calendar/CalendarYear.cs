namespace Approvals.Workflows.Calendar;

/// <summary>
/// One year of holiday data, as held in one <c>workflows/calendar/cn-YYYY.json</c> file.
/// </summary>
/// <param name="Year">The year the notice is for.</param>
/// <param name="Source">Where the data comes from (the notice's title and date), shown to admins.</param>
/// <param name="Holidays">The days off.</param>
/// <param name="WorkingWeekends">The weekend days that are working days (调休上班).</param>
public sealed record CalendarYear(
    int Year,
    string Source,
    IReadOnlyList<HolidayPeriod> Holidays,
    IReadOnlyList<WorkingWeekendDay> WorkingWeekends);

namespace Approvals.Workflows.Calendar;

/// <summary>
/// Whether the calendar has holiday data for a year, in a form an admin page can show as is.
/// </summary>
/// <param name="Year">The year asked about.</param>
/// <param name="HasHolidayData">
/// <see langword="true"/> when a data file for the year was loaded; <see langword="false"/> when the
/// calendar falls back to plain Monday–Friday for that year.
/// </param>
/// <param name="Source">The loaded file's source (the notice), or <see langword="null"/> without data.</param>
/// <param name="Message">A plain sentence describing the state, e.g. "2027 has no holiday data yet; Monday–Friday used."</param>
public sealed record CalendarStatus(int Year, bool HasHolidayData, string? Source, string Message)
{
    /// <summary><see langword="true"/> when working days for the year are plain Monday–Friday.</summary>
    public bool UsesWeekdayFallback => !HasHolidayData;
}

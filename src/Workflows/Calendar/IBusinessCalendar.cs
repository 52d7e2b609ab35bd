namespace Approvals.Workflows.Calendar;

/// <summary>
/// The office's working-day calendar (rule 1, 文不过夜): which days and hours are working time, and
/// deadline arithmetic in working time.
/// </summary>
/// <remarks>
/// Instants are <see cref="DateTimeOffset"/> with any offset; they are interpreted in the office's
/// time zone (Asia/Shanghai by default) and every returned instant is in UTC. Dates
/// (<see cref="DateOnly"/>) are office-local dates. A working day is Monday–Friday minus public
/// holidays plus the weekend days declared working (调休上班). For a year without a data file the
/// calendar falls back to plain Monday–Friday; <see cref="GetStatus"/> says so.
/// </remarks>
public interface IBusinessCalendar
{
    /// <summary>The years for which holiday data was loaded, ascending.</summary>
    IReadOnlyList<int> YearsWithData { get; }

    /// <summary>Whether holiday data was loaded for <paramref name="year"/>.</summary>
    /// <param name="year">The calendar year.</param>
    bool HasDataFor(int year);

    /// <summary>Whether holiday data exists for <paramref name="year"/>, described for an admin page.</summary>
    /// <param name="year">The calendar year.</param>
    CalendarStatus GetStatus(int year);

    /// <summary>
    /// Whether <paramref name="date"/> is a working day: Monday–Friday unless a holiday, or a weekend
    /// day declared a working day.
    /// </summary>
    /// <param name="date">An office-local date.</param>
    bool IsWorkingDay(DateOnly date);

    /// <summary>Whether <paramref name="instant"/> falls on a working day within working hours (start inclusive, end exclusive).</summary>
    /// <param name="instant">Any instant; converted to office-local time.</param>
    bool IsWorkingTime(DateTimeOffset instant);

    /// <summary>
    /// The instant at which <paramref name="workingDuration"/> of working time has elapsed after
    /// <paramref name="start"/>, counting only working time. A start outside working time begins
    /// counting at the next working period's start. A duration that ends exactly at the end of a
    /// working day returns that day's end, not the next day's start.
    /// </summary>
    /// <param name="start">Any instant.</param>
    /// <param name="workingDuration">Working time to add; not negative.</param>
    /// <returns>The instant in UTC.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or needs more than ten years.</exception>
    DateTimeOffset AddWorkingHours(DateTimeOffset start, TimeSpan workingDuration);

    /// <summary>
    /// The deadline "by the end of the working day" (今日事今日毕): if <paramref name="instant"/> is on
    /// a working day before its end, that day's end (17:30); otherwise the end of the next working day.
    /// </summary>
    /// <param name="instant">When the work was received.</param>
    /// <returns>The deadline in UTC.</returns>
    DateTimeOffset EndOfWorkingDay(DateTimeOffset instant);

    /// <summary>
    /// As <see cref="EndOfWorkingDay(DateTimeOffset)"/>, but work received on a working day at or
    /// after <paramref name="cutOff"/> (office-local time) is due at the end of the next working day
    /// (文不过夜 with a cut-off). A cut-off after the end of the working day has no further effect.
    /// </summary>
    /// <param name="instant">When the work was received.</param>
    /// <param name="cutOff">The local time from which work rolls over to the next working day.</param>
    /// <returns>The deadline in UTC.</returns>
    DateTimeOffset EndOfWorkingDay(DateTimeOffset instant, TimeOnly cutOff);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    /// <param name="date">An office-local date.</param>
    DateOnly NextWorkingDay(DateOnly date);

    /// <summary>
    /// The same office-local time of day <paramref name="days"/> working days later (earlier when
    /// negative). Each step moves to the next (previous) working day, so from a weekend one day later
    /// is the following working day. For 0, the instant's own date if it is a working day, otherwise
    /// the next working day. If the time of day is outside working hours, the result is the end of
    /// the resulting working day.
    /// </summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="days">Working days to move; at most 3660 either way.</param>
    /// <returns>The instant in UTC.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is beyond ±3660.</exception>
    DateTimeOffset AddWorkingDays(DateTimeOffset instant, int days);

    /// <summary>The number of working days from <paramref name="from"/> to <paramref name="toInclusive"/>, both included; 0 when the range is empty.</summary>
    /// <param name="from">The first office-local date.</param>
    /// <param name="toInclusive">The last office-local date.</param>
    int WorkingDaysBetween(DateOnly from, DateOnly toInclusive);
}

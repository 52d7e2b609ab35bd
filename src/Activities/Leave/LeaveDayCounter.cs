using Approvals.Workflows.Calendar;

namespace Approvals.Activities.Leave;

/// <summary>
/// Counts leave in working days by the office calendar (rule 4: 请假按工作日计算), in half-day steps.
/// A working day has a morning (start of work to 12:00) and an afternoon (12:00 to the end of work);
/// each half the leave touches counts 0.5. A leave of whole dates covers both halves of every working
/// day in it, so it counts exactly <see cref="IBusinessCalendar.WorkingDaysBetween"/>.
/// </summary>
public sealed class LeaveDayCounter
{
    /// <summary>Where the morning ends and the afternoon begins (office-local time).</summary>
    public static readonly TimeSpan Noon = new(12, 0, 0);

    private readonly IBusinessCalendar _calendar;
    private readonly TimeSpan _start;
    private readonly TimeSpan _end;
    private readonly TimeSpan _noon;

    /// <summary>Uses the calendar's working hours and time zone (defaults when it is not a <see cref="BusinessCalendar"/>).</summary>
    public LeaveDayCounter(IBusinessCalendar calendar)
    {
        _calendar = calendar;
        var hours = (calendar as BusinessCalendar)?.Hours ?? new WorkingHours();
        Zone = (calendar as BusinessCalendar)?.TimeZone ?? hours.ResolveTimeZone();
        _start = hours.Start.ToTimeSpan();
        _end = hours.End.ToTimeSpan();
        // Working hours that do not straddle noon have no meaningful halves: split them in the middle.
        _noon = Noon > _start && Noon < _end ? Noon : _start + (_end - _start) / 2;
    }

    /// <summary>The office's time zone (Asia/Shanghai by default).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>Working days in <c>[from, to)</c>, in half-day steps; 0 when the range is empty.</summary>
    public decimal WorkingDays(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return 0;
        var start = Local(from);
        var end = Local(to);
        var firstDay = DateOnly.FromDateTime(start);
        var lastDay = DateOnly.FromDateTime(end.AddTicks(-1));
        if (firstDay == lastDay) return Partial(firstDay, start.TimeOfDay, End(end, lastDay));
        // Whole days in the middle through the calendar (cheap for long leaves), the two ends by halves.
        return Partial(firstDay, start.TimeOfDay, TimeSpan.FromDays(1))
               + _calendar.WorkingDaysBetween(firstDay.AddDays(1), lastDay.AddDays(-1))
               + Partial(lastDay, TimeSpan.Zero, End(end, lastDay));
    }

    /// <summary>An instant as office-local wall-clock time.</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant of an office-local date and time.</summary>
    public DateTimeOffset Instant(DateOnly date, TimeSpan timeOfDay = default)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Today's date in the office.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now));

    // The end as a time of day on lastDay: 24:00 when the range ends at the following midnight.
    private static TimeSpan End(DateTime end, DateOnly lastDay) =>
        DateOnly.FromDateTime(end) == lastDay ? end.TimeOfDay : TimeSpan.FromDays(1);

    private decimal Partial(DateOnly day, TimeSpan from, TimeSpan to)
    {
        if (!_calendar.IsWorkingDay(day)) return 0;
        decimal days = 0;
        if (Overlaps(from, to, _start, _noon)) days += 0.5m;
        if (Overlaps(from, to, _noon, _end)) days += 0.5m;
        return days;
    }

    private static bool Overlaps(TimeSpan a1, TimeSpan a2, TimeSpan b1, TimeSpan b2) => (a1 > b1 ? a1 : b1) < (a2 < b2 ? a2 : b2);
}

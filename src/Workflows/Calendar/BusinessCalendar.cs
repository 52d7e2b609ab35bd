namespace Approvals.Workflows.Calendar;

/// <summary>
/// <see cref="IBusinessCalendar"/> built from the yearly holiday data and the office's working hours.
/// Immutable once built, so one instance can be shared by every thread.
/// </summary>
/// <remarks>
/// Holidays and working weekend days are kept in hash sets, so a day lookup is O(1). Every scan over
/// days is bounded by <see cref="MaxScanDays"/>, so bad data can make a call fail but never hang.
/// A year without a data file is treated as plain Monday–Friday.
/// </remarks>
public sealed class BusinessCalendar : IBusinessCalendar
{
    /// <summary>The most calendar days any operation scans (about ten years).</summary>
    public const int MaxScanDays = 3660;

    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workingWeekends = [];
    // Days whose status differs from plain Monday–Friday, sorted, for WorkingDaysBetween.
    private readonly DateOnly[] _exceptionDays;
    private readonly Dictionary<int, CalendarYear> _years;
    private readonly TimeZoneInfo _zone;
    private readonly TimeSpan _start;
    private readonly TimeSpan _end;

    /// <summary>Builds the calendar.</summary>
    /// <param name="years">The loaded years, e.g. from <see cref="CalendarYearFile.LoadDirectory"/>; at most one per year.</param>
    /// <param name="hours">Working hours and time zone; defaults (08:40–17:30, Asia/Shanghai) when null.</param>
    /// <exception cref="ArgumentException">A year appears twice, or the working day ends before it starts.</exception>
    /// <exception cref="TimeZoneNotFoundException">The configured time zone is unknown.</exception>
    public BusinessCalendar(IEnumerable<CalendarYear> years, WorkingHours? hours = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        hours ??= new WorkingHours();
        if (hours.End <= hours.Start)
            throw new ArgumentException($"Working hours end ({hours.End}) must be after start ({hours.Start}).", nameof(hours));

        Hours = hours;
        _zone = hours.ResolveTimeZone();
        _start = hours.Start.ToTimeSpan();
        _end = hours.End.ToTimeSpan();

        _years = new Dictionary<int, CalendarYear>();
        foreach (var year in years)
        {
            if (!_years.TryAdd(year.Year, year))
                throw new ArgumentException($"Calendar data for {year.Year} is given twice.", nameof(years));
            foreach (var holiday in year.Holidays)
                _holidays.UnionWith(holiday.Days());
            foreach (var day in year.WorkingWeekends)
                _workingWeekends.Add(day.Date);
        }

        YearsWithData = _years.Keys.Order().ToArray();
        _exceptionDays = _holidays.Union(_workingWeekends)
            .Where(d => IsWorkingDay(d) != IsWeekday(d))
            .Order()
            .ToArray();
    }

    /// <summary>Loads every <c>cn-*.json</c> in <paramref name="directory"/> and builds the calendar from it.</summary>
    /// <param name="directory">The calendar data directory, normally <c>workflows/calendar</c>.</param>
    /// <param name="hours">Working hours and time zone; defaults when null.</param>
    /// <exception cref="CalendarDataException">A file is malformed or invalid; the message names it.</exception>
    public static BusinessCalendar FromDirectory(string directory, WorkingHours? hours = null) =>
        new(CalendarYearFile.LoadDirectory(directory), hours);

    /// <summary>The working hours and time zone in use.</summary>
    public WorkingHours Hours { get; }

    /// <summary>The office's time zone.</summary>
    public TimeZoneInfo TimeZone => _zone;

    /// <inheritdoc />
    public IReadOnlyList<int> YearsWithData { get; }

    /// <inheritdoc />
    public bool HasDataFor(int year) => _years.ContainsKey(year);

    /// <inheritdoc />
    public CalendarStatus GetStatus(int year) =>
        _years.TryGetValue(year, out var data)
            ? new CalendarStatus(year, true, data.Source,
                $"{year} holiday data loaded: {data.Holidays.Count} holidays, {data.WorkingWeekends.Count} working weekend days ({data.Source}).")
            : new CalendarStatus(year, false, null,
                $"{year} has no holiday data yet; Monday–Friday used.");

    /// <inheritdoc />
    public bool IsWorkingDay(DateOnly date)
    {
        // A holiday wins over everything; a declared working weekend day wins over the weekend.
        if (_holidays.Contains(date)) return false;
        if (_workingWeekends.Contains(date)) return true;
        return IsWeekday(date);
    }

    /// <inheritdoc />
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var (date, time) = ToLocal(instant);
        return IsWorkingDay(date) && time >= _start && time < _end;
    }

    /// <inheritdoc />
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, TimeSpan workingDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDuration, TimeSpan.Zero);

        var (date, time) = ToLocal(start);
        // Move to the first working moment at or after start.
        if (!IsWorkingDay(date) || time >= _end)
            (date, time) = (NextWorkingDay(date), _start);
        else if (time < _start)
            time = _start;

        var firstDay = date;
        var remaining = workingDuration;
        while (true)
        {
            var available = _end - time;
            // "<=" so work that finishes exactly at closing time is due at 17:30, not the next morning.
            if (remaining <= available)
                return ToUtc(date, time + remaining);

            remaining -= available;
            date = NextWorkingDay(date);
            time = _start;
            if (date.DayNumber - firstDay.DayNumber > MaxScanDays)
                throw new ArgumentOutOfRangeException(nameof(workingDuration), workingDuration,
                    $"The working duration spans more than {MaxScanDays} calendar days.");
        }
    }

    /// <inheritdoc />
    public DateTimeOffset EndOfWorkingDay(DateTimeOffset instant) => EndOfWorkingDay(instant, TimeOnly.MaxValue);

    /// <inheritdoc />
    public DateTimeOffset EndOfWorkingDay(DateTimeOffset instant, TimeOnly cutOff)
    {
        var (date, time) = ToLocal(instant);
        // Received before the start of a working day still counts for that day: it is due tonight.
        var dueToday = IsWorkingDay(date) && time < _end && time < cutOff.ToTimeSpan();
        return ToUtc(dueToday ? date : NextWorkingDay(date), _end);
    }

    /// <inheritdoc />
    public DateOnly NextWorkingDay(DateOnly date) => Step(date, +1);

    /// <inheritdoc />
    public DateTimeOffset AddWorkingDays(DateTimeOffset instant, int days)
    {
        if (days is > MaxScanDays or < -MaxScanDays)
            throw new ArgumentOutOfRangeException(nameof(days), days, $"At most {MaxScanDays} working days either way.");

        var (date, time) = ToLocal(instant);
        if (days == 0 && !IsWorkingDay(date))
            date = NextWorkingDay(date);
        for (var i = 0; i < Math.Abs(days); i++)
            date = Step(date, Math.Sign(days));

        // Outside working hours there is nothing to keep: the deadline becomes that day's end.
        var inHours = time >= _start && time < _end;
        return ToUtc(date, inHours ? time : _end);
    }

    /// <inheritdoc />
    public int WorkingDaysBetween(DateOnly from, DateOnly toInclusive)
    {
        if (toInclusive < from) return 0;

        // Count Monday–Friday arithmetically, then correct for the few days the data changes,
        // so long ranges cost no more than short ones.
        var count = WeekdaysBetween(from, toInclusive);
        var index = Array.BinarySearch(_exceptionDays, from);
        if (index < 0) index = ~index;
        for (; index < _exceptionDays.Length && _exceptionDays[index] <= toInclusive; index++)
            count += IsWorkingDay(_exceptionDays[index]) ? 1 : -1;
        return count;
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static int WeekdaysBetween(DateOnly from, DateOnly toInclusive)
    {
        var totalDays = toInclusive.DayNumber - from.DayNumber + 1;
        var count = totalDays / 7 * 5;
        // The leftover (< 7) days after the full weeks.
        for (var day = from.AddDays(totalDays / 7 * 7); day <= toInclusive; day = day.AddDays(1))
            if (IsWeekday(day)) count++;
        return count;
    }

    // The first working day strictly after (direction +1) or before (-1) date, bounded so that data
    // declaring years of holidays fails instead of looping.
    private DateOnly Step(DateOnly date, int direction)
    {
        var day = date;
        for (var i = 0; i < MaxScanDays; i++)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day)) return day;
        }
        throw new InvalidOperationException(
            $"No working day within {MaxScanDays} days {(direction > 0 ? "after" : "before")} {date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}; check the calendar data.");
    }

    private (DateOnly Date, TimeSpan TimeOfDay) ToLocal(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        return (DateOnly.FromDateTime(local.DateTime), local.TimeOfDay);
    }

    private DateTimeOffset ToUtc(DateOnly date, TimeSpan timeOfDay)
    {
        // Unspecified kind: GetUtcOffset then reads it as a time in the office's zone.
        var local = date.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

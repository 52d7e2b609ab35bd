using Approvals.Workflows.Calendar;

namespace Approvals.Activities.Reports;

/// <summary>The office's local time (Asia/Shanghai unless the calendar is configured otherwise).</summary>
public static class OfficeTime
{
    /// <summary>The default office time zone.</summary>
    public const string DefaultZoneId = "Asia/Shanghai";

    /// <summary>The calendar's time zone when it is the built-in calendar, else Asia/Shanghai.</summary>
    public static TimeZoneInfo Zone(IBusinessCalendar? calendar) =>
        (calendar as BusinessCalendar)?.TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId);

    /// <summary>The office-local date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The UTC instant of an office-local date and time.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Whether <paramref name="date"/> is a working day: by the calendar, or Monday–Friday without one.</summary>
    public static bool IsWorkingDay(DateOnly date, IBusinessCalendar? calendar) =>
        calendar?.IsWorkingDay(date) ?? date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Working days from <paramref name="from"/> to <paramref name="toInclusive"/> (Monday–Friday without a calendar).</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly toInclusive, IBusinessCalendar? calendar)
    {
        if (calendar is not null) return calendar.WorkingDaysBetween(from, toInclusive);
        var count = 0;
        for (var d = from; d <= toInclusive; d = d.AddDays(1)) if (IsWorkingDay(d, null)) count++;
        return count;
    }
}

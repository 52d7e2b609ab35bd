using System.Xml;
using Approvals.Activities.Reports;
using Approvals.Workflows.Calendar;

namespace Approvals.Activities.Supervision;

/// <summary>
/// When the next progress report of a supervision item is due: the slots are anchored on the day the item
/// started (every 7 / 14 days, every month on the same day, or every ISO 8601 duration in whole days), each
/// moved to the next working day when it falls on a weekend or holiday, at a fixed office-local time of day.
/// Anchoring (rather than counting from the last report) keeps the rhythm from drifting when a report is late,
/// and a late report never causes a burst of catch-up tasks: the next slot is always the first one after now.
/// </summary>
public static class RhythmSchedule
{
    /// <summary>The rhythm names a start form offers.</summary>
    public const string Weekly = "weekly", Biweekly = "biweekly", Monthly = "monthly";

    /// <summary>The first slot after <paramref name="now"/>, in UTC.</summary>
    /// <param name="anchor">When the item started.</param>
    /// <param name="now">The current time.</param>
    /// <param name="rhythm"><c>weekly</c>, <c>biweekly</c>, <c>monthly</c>, or an ISO 8601 duration of whole days (<c>P7D</c>).</param>
    /// <param name="timeOfDay">The office-local time the report falls due.</param>
    /// <param name="calendar">The working-day calendar; Monday–Friday without one.</param>
    /// <param name="zone">The office's time zone.</param>
    /// <exception cref="InvalidOperationException">The rhythm is not one of the names nor a duration of at least one day.</exception>
    public static DateTimeOffset Next(DateTimeOffset anchor, DateTimeOffset now, string rhythm, TimeOnly timeOfDay, IBusinessCalendar? calendar, TimeZoneInfo zone)
    {
        var step = Step(rhythm);
        var start = OfficeTime.LocalDate(anchor, zone);
        // Bounded: a daily rhythm over ten years is 3660 slots; anything longer is a data error, not a loop.
        for (var k = 1; k <= 5000; k++)
        {
            var day = step(start, k);
            while (!OfficeTime.IsWorkingDay(day, calendar)) day = day.AddDays(1);
            var at = OfficeTime.ToUtc(day, timeOfDay, zone);
            if (at > now) return at;
        }
        throw new InvalidOperationException($"No progress-report slot found for rhythm '{rhythm}' from {anchor:O} to {now:O}.");
    }

    private static Func<DateOnly, int, DateOnly> Step(string rhythm)
    {
        switch (rhythm.Trim())
        {
            case Weekly: return (d, k) => d.AddDays(7 * k);
            case Biweekly: return (d, k) => d.AddDays(14 * k);
            case Monthly: return (d, k) => d.AddMonths(k);
        }
        TimeSpan span;
        try { span = XmlConvert.ToTimeSpan(rhythm.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"'{rhythm}' is not a report rhythm: use weekly, biweekly, monthly or an ISO 8601 duration such as P7D."); }
        if (span < TimeSpan.FromDays(1) || span.Ticks % TimeSpan.TicksPerDay != 0)
            throw new InvalidOperationException($"The report rhythm '{rhythm}' must be whole days, at least one (e.g. P7D).");
        var days = (int)span.TotalDays;
        return (d, k) => d.AddDays(days * k);
    }
}

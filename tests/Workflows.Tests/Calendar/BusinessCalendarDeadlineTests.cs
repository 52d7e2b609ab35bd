using Approvals.Workflows.Calendar;
using static Approvals.Workflows.Tests.Calendar.CalendarTestData;

namespace Approvals.Workflows.Tests.Calendar;

public sealed class BusinessCalendarDeadlineTests
{
    private static readonly BusinessCalendar Cal = CalendarTestData.Calendar;

    [Theory]
    [InlineData("2026-09-30 08:40", true)]  // start is inclusive
    [InlineData("2026-09-30 08:39", false)]
    [InlineData("2026-09-30 17:29", true)]
    [InlineData("2026-09-30 17:30", false)] // end is exclusive
    [InlineData("2026-10-05 10:00", false)] // 国庆
    [InlineData("2026-10-10 10:00", true)]  // working Saturday
    [InlineData("2026-10-11 10:00", false)] // Sunday
    public void IsWorkingTime_uses_hours_and_working_days(string local, bool expected)
    {
        Assert.Equal(expected, Cal.IsWorkingTime(Local(local)));
    }

    [Fact]
    public void Instants_with_any_offset_are_read_in_Asia_Shanghai()
    {
        // 2026-09-30 16:00 in Shanghai, written three ways.
        var shanghai = Local("2026-09-30 16:00");
        var utc = new DateTimeOffset(2026, 9, 30, 8, 0, 0, TimeSpan.Zero);
        var newYork = new DateTimeOffset(2026, 9, 30, 4, 0, 0, TimeSpan.FromHours(-4));

        Assert.All([shanghai, utc, newYork], t => Assert.True(Cal.IsWorkingTime(t)));
        Assert.All([shanghai, utc, newYork], t => Assert.Equal(Local("2026-09-30 17:30"), Cal.EndOfWorkingDay(t)));

        // 2026-10-09 23:30 UTC is already Saturday 07:30 in Shanghai: before hours, not evening.
        Assert.False(Cal.IsWorkingTime(new DateTimeOffset(2026, 10, 9, 23, 30, 0, TimeSpan.Zero)));
        Assert.True(Cal.IsWorkingTime(new DateTimeOffset(2026, 10, 10, 0, 40, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Results_are_in_UTC()
    {
        var start = Local("2026-09-30 16:00");

        Assert.Equal(TimeSpan.Zero, Cal.EndOfWorkingDay(start).Offset);
        Assert.Equal(TimeSpan.Zero, Cal.EndOfWorkingDay(start, new TimeOnly(16, 0)).Offset);
        Assert.Equal(TimeSpan.Zero, Cal.AddWorkingHours(start, TimeSpan.FromHours(1)).Offset);
        Assert.Equal(TimeSpan.Zero, Cal.AddWorkingDays(start, 1).Offset);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 9, 30, 0, TimeSpan.Zero), Cal.EndOfWorkingDay(start));
    }

    [Theory]
    [InlineData("2026-09-30 16:00", "2026-09-30 17:30")] // 文不过夜: due tonight
    [InlineData("2026-09-30 07:00", "2026-09-30 17:30")] // before hours on a working day
    [InlineData("2026-09-30 17:30", "2026-10-08 17:30")] // at closing time: next working day
    [InlineData("2026-09-30 21:00", "2026-10-08 17:30")]
    [InlineData("2026-10-03 10:00", "2026-10-08 17:30")] // during 国庆
    [InlineData("2026-10-10 09:00", "2026-10-10 17:30")] // working Saturday
    [InlineData("2026-10-11 09:00", "2026-10-12 17:30")] // ordinary Sunday
    public void EndOfWorkingDay_is_the_end_of_this_or_the_next_working_day(string received, string due)
    {
        Assert.Equal(Local(due), Cal.EndOfWorkingDay(Local(received)));
    }

    [Theory]
    [InlineData("2026-09-30 16:00", "2026-10-08 17:30")] // at the cut-off: next working day, after 国庆
    [InlineData("2026-09-30 15:59", "2026-09-30 17:30")]
    [InlineData("2026-10-09 16:30", "2026-10-10 17:30")] // Friday after cut-off → working Saturday
    [InlineData("2026-10-04 10:00", "2026-10-08 17:30")] // holiday: cut-off irrelevant
    public void EndOfWorkingDay_with_a_cut_off_rolls_late_work_to_the_next_working_day(string received, string due)
    {
        Assert.Equal(Local(due), Cal.EndOfWorkingDay(Local(received), new TimeOnly(16, 0)));
    }

    [Theory]
    [InlineData("2026-09-30 17:00", 120, "2026-10-08 10:10")] // 30 min on Sep 30, 90 min on Oct 8
    [InlineData("2026-09-30 17:00", 30, "2026-09-30 17:30")]  // ends exactly at closing time
    [InlineData("2026-09-30 17:00", 31, "2026-10-08 08:41")]
    [InlineData("2026-09-30 10:00", 60, "2026-09-30 11:00")]
    [InlineData("2026-09-30 06:00", 60, "2026-09-30 09:40")]  // before hours: counting starts 08:40
    [InlineData("2026-09-30 19:00", 60, "2026-10-08 09:40")]  // after hours: next working period
    [InlineData("2026-10-02 12:00", 0, "2026-10-08 08:40")]   // holiday start with zero duration
    [InlineData("2026-10-09 17:00", 60, "2026-10-10 09:10")]  // into the working Saturday
    [InlineData("2026-02-13 08:40", 1590, "2026-02-24 17:30")] // 3 full days (530 min each): Feb 13, 14, 24
    public void AddWorkingHours_counts_only_working_time(string start, int minutes, string expected)
    {
        Assert.Equal(Local(expected), Cal.AddWorkingHours(Local(start), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void AddWorkingHours_rejects_a_negative_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkingHours(Local("2026-09-30 10:00"), TimeSpan.FromHours(-1)));
    }

    [Fact]
    public void AddWorkingHours_guards_against_absurd_durations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkingHours(Local("2026-09-30 10:00"), TimeSpan.FromDays(10_000)));
    }

    [Theory]
    [InlineData("2026-10-09 10:00", 1, "2026-10-10 10:00")]  // Friday → working Saturday
    [InlineData("2026-09-30 10:00", 1, "2026-10-08 10:00")]  // over 国庆
    [InlineData("2026-09-30 10:00", 3, "2026-10-10 10:00")]  // Oct 8, 9, 10
    [InlineData("2026-10-10 10:00", 1, "2026-10-12 10:00")]
    [InlineData("2026-10-03 10:00", 1, "2026-10-08 10:00")]  // from a holiday
    [InlineData("2026-10-03 10:00", 0, "2026-10-08 10:00")]  // zero from a holiday: next working day
    [InlineData("2026-09-30 10:00", 0, "2026-09-30 10:00")]
    [InlineData("2026-09-30 20:00", 1, "2026-10-08 17:30")]  // outside hours: end of that day
    [InlineData("2026-09-30 07:00", 1, "2026-10-08 17:30")]
    [InlineData("2026-10-08 10:00", -1, "2026-09-30 10:00")] // backwards, e.g. a reminder a day ahead
    public void AddWorkingDays_keeps_the_time_of_day(string start, int days, string expected)
    {
        Assert.Equal(Local(expected), Cal.AddWorkingDays(Local(start), days));
    }

    [Fact]
    public void AddWorkingDays_guards_against_absurd_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkingDays(Local("2026-09-30 10:00"), 100_000));
    }

    [Fact]
    public void Working_hours_are_configurable()
    {
        var cal = new BusinessCalendar(
            CalendarYearFile.LoadDirectory(CalendarDirectory),
            new WorkingHours { Start = new TimeOnly(9, 0), End = new TimeOnly(17, 0) });

        Assert.Equal(Local("2026-09-30 17:00"), cal.EndOfWorkingDay(Local("2026-09-30 16:00")));
        Assert.Equal(Local("2026-10-08 10:00"), cal.AddWorkingHours(Local("2026-09-30 16:00"), TimeSpan.FromHours(2)));
        Assert.False(cal.IsWorkingTime(Local("2026-09-30 08:50")));
    }

    [Fact]
    public void Working_hours_that_end_before_they_start_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar([],
            new WorkingHours { Start = new TimeOnly(17, 0), End = new TimeOnly(9, 0) }));
    }

    [Fact]
    public void A_calendar_whose_data_blocks_every_day_fails_instead_of_looping()
    {
        // Eleven years of "holiday": NextWorkingDay must give up after its bound, not hang.
        var year = new CalendarYear(2040, "x", [], []);
        var endless = new List<HolidayPeriod>();
        for (var d = new DateOnly(2040, 1, 1); d.Year < 2051; d = d.AddDays(30))
            endless.Add(new HolidayPeriod("x", d, d.AddDays(29)));
        var cal = new BusinessCalendar([year with { Holidays = endless }]);

        Assert.Throws<InvalidOperationException>(() => cal.NextWorkingDay(new DateOnly(2040, 1, 1)));
    }
}

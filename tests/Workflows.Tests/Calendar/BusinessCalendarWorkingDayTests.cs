using Approvals.Workflows.Calendar;
using static Approvals.Workflows.Tests.Calendar.CalendarTestData;

namespace Approvals.Workflows.Tests.Calendar;

public sealed class BusinessCalendarWorkingDayTests
{
    private static readonly BusinessCalendar Cal = CalendarTestData.Calendar;

    // The 2026 table of OFFICE-RULES.md, independent of the data file so the file is checked too.
    private static readonly (string Name, string From, string To)[] Holidays2026 =
    [
        ("元旦", "2026-01-01", "2026-01-03"),
        ("春节", "2026-02-15", "2026-02-23"),
        ("清明", "2026-04-04", "2026-04-06"),
        ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午", "2026-06-19", "2026-06-21"),
        ("中秋", "2026-09-25", "2026-09-27"),
        ("国庆", "2026-10-01", "2026-10-07"),
    ];

    public static TheoryData<string, string> EveryHolidayDay2026()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, from, to) in Holidays2026)
            for (var day = Date(from); day <= Date(to); day = day.AddDays(1))
                data.Add(name, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryHolidayDay2026))]
    public void Every_2026_holiday_day_is_not_a_working_day(string holiday, string date)
    {
        Assert.False(Cal.IsWorkingDay(Date(date)), $"{holiday} {date}");
    }

    [Theory]
    // The days just before and after each holiday are all working days in 2026
    // (2025-12-31 is a Wednesday in a year without data, so Monday–Friday applies).
    [InlineData("元旦", "2025-12-31", "2026-01-04")]
    [InlineData("春节", "2026-02-14", "2026-02-24")]
    [InlineData("清明", "2026-04-03", "2026-04-07")]
    [InlineData("劳动节", "2026-04-30", "2026-05-06")]
    [InlineData("端午", "2026-06-18", "2026-06-22")]
    [InlineData("中秋", "2026-09-24", "2026-09-28")]
    [InlineData("国庆", "2026-09-30", "2026-10-08")]
    public void The_days_around_each_holiday_are_working_days(string holiday, string dayBefore, string dayAfter)
    {
        Assert.True(Cal.IsWorkingDay(Date(dayBefore)), $"before {holiday}");
        Assert.True(Cal.IsWorkingDay(Date(dayAfter)), $"after {holiday}");
    }

    [Theory]
    [InlineData("2026-01-04", DayOfWeek.Sunday)]
    [InlineData("2026-02-14", DayOfWeek.Saturday)]
    [InlineData("2026-02-28", DayOfWeek.Saturday)]
    [InlineData("2026-05-09", DayOfWeek.Saturday)]
    [InlineData("2026-09-20", DayOfWeek.Sunday)]
    [InlineData("2026-10-10", DayOfWeek.Saturday)]
    public void Each_declared_working_weekend_day_is_a_working_day(string date, DayOfWeek dayOfWeek)
    {
        Assert.Equal(dayOfWeek, Date(date).DayOfWeek);
        Assert.True(Cal.IsWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-03-09", true)]  // plain Monday
    [InlineData("2026-03-13", true)]  // plain Friday
    [InlineData("2026-03-14", false)] // plain Saturday
    [InlineData("2026-03-15", false)] // plain Sunday
    [InlineData("2026-10-11", false)] // the Sunday after the working Saturday of 国庆
    public void Ordinary_weeks_are_Monday_to_Friday(string date, bool working)
    {
        Assert.Equal(working, Cal.IsWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-09-30", "2026-10-08")] // over 国庆
    [InlineData("2026-02-13", "2026-02-14")] // Friday → the working Saturday before 春节
    [InlineData("2026-02-14", "2026-02-24")] // over the whole of 春节
    [InlineData("2026-10-09", "2026-10-10")] // Friday → working Saturday
    [InlineData("2026-10-10", "2026-10-12")]
    [InlineData("2026-12-31", "2027-01-01")] // into a year without data: Friday counts
    public void NextWorkingDay_is_strictly_after(string date, string expected)
    {
        Assert.Equal(Date(expected), Cal.NextWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-10-01", "2026-10-31", 18)] // Oct 8, 9, 10 (Sat) + three full weeks
    [InlineData("2026-10-01", "2026-10-07", 0)]
    [InlineData("2026-02-15", "2026-02-23", 0)]  // 春节
    [InlineData("2026-02-01", "2026-02-28", 16)] // 20 weekdays − 6 holiday weekdays + 2 working Saturdays
    [InlineData("2026-02-13", "2026-02-24", 3)]  // Feb 13 (Fri), 14 (Sat), 24 (Tue)
    [InlineData("2026-10-08", "2026-10-08", 1)]
    [InlineData("2026-10-31", "2026-10-01", 0)]  // empty range
    [InlineData("2027-01-01", "2027-12-31", 261)] // no data: plain Monday–Friday
    public void WorkingDaysBetween_counts_inclusively(string from, string to, int expected)
    {
        Assert.Equal(expected, Cal.WorkingDaysBetween(Date(from), Date(to)));
    }

    [Fact]
    public void WorkingDaysBetween_agrees_with_IsWorkingDay_over_2026()
    {
        var days = Enumerable.Range(0, 365).Select(i => Date("2026-01-01").AddDays(i)).ToList();

        Assert.Equal(days.Count(Cal.IsWorkingDay), Cal.WorkingDaysBetween(days[0], days[^1]));
        // 261 weekdays − 19 holiday weekdays + 6 working weekend days.
        Assert.Equal(248, Cal.WorkingDaysBetween(days[0], days[^1]));
    }

    [Fact]
    public void The_spring_festival_span_is_one_block_of_days_off()
    {
        var from = Date("2026-02-14");
        var to = Date("2026-02-28");

        var working = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(i => from.AddDays(i))
            .Where(Cal.IsWorkingDay)
            .Select(d => d.Day);

        // 14 (Sat, 调休), 24–27 (Tue–Fri), 28 (Sat, 调休); 15–23 off, including the Sundays around it.
        Assert.Equal([14, 24, 25, 26, 27, 28], working);
    }

    [Fact]
    public void Year_2026_has_data_and_says_where_it_comes_from()
    {
        var status = Cal.GetStatus(2026);

        Assert.True(Cal.HasDataFor(2026));
        Assert.Contains(2026, Cal.YearsWithData);
        Assert.True(status.HasHolidayData);
        Assert.False(status.UsesWeekdayFallback);
        Assert.Contains("国务院办公厅", status.Source);
    }

    [Fact]
    public void Year_2027_without_data_falls_back_to_Monday_to_Friday_and_says_so()
    {
        var status = Cal.GetStatus(2027);

        Assert.False(Cal.HasDataFor(2027));
        Assert.DoesNotContain(2027, Cal.YearsWithData);
        Assert.False(status.HasHolidayData);
        Assert.True(status.UsesWeekdayFallback);
        Assert.Null(status.Source);
        Assert.Equal("2027 has no holiday data yet; Monday–Friday used.", status.Message);

        Assert.True(Cal.IsWorkingDay(Date("2027-01-01")));  // a Friday: no 元旦 without data
        Assert.False(Cal.IsWorkingDay(Date("2027-01-02"))); // Saturday
        Assert.False(Cal.IsWorkingDay(Date("2027-01-03"))); // Sunday
        Assert.True(Cal.IsWorkingDay(Date("2027-01-04")));  // Monday
        Assert.Equal(5, Cal.WorkingDaysBetween(Date("2027-10-04"), Date("2027-10-10")));
    }

    [Fact]
    public void A_year_given_twice_is_rejected()
    {
        var year = new CalendarYear(2030, "x", [], []);

        Assert.Throws<ArgumentException>(() => new BusinessCalendar([year, year]));
    }
}

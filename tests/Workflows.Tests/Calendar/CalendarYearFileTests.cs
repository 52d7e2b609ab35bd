using Approvals.Workflows.Calendar;
using static Approvals.Workflows.Tests.Calendar.CalendarTestData;

namespace Approvals.Workflows.Tests.Calendar;

public sealed class CalendarYearFileTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("calendar-tests-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void The_2026_file_matches_the_State_Council_notice()
    {
        var year = Assert.Single(CalendarYearFile.LoadDirectory(CalendarDirectory), y => y.Year == 2026);

        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", year.Source);
        Assert.Equal(
            [
                new HolidayPeriod("元旦", Date("2026-01-01"), Date("2026-01-03")),
                new HolidayPeriod("春节", Date("2026-02-15"), Date("2026-02-23")),
                new HolidayPeriod("清明", Date("2026-04-04"), Date("2026-04-06")),
                new HolidayPeriod("劳动节", Date("2026-05-01"), Date("2026-05-05")),
                new HolidayPeriod("端午", Date("2026-06-19"), Date("2026-06-21")),
                new HolidayPeriod("中秋", Date("2026-09-25"), Date("2026-09-27")),
                new HolidayPeriod("国庆", Date("2026-10-01"), Date("2026-10-07")),
            ],
            year.Holidays);
        Assert.Equal(
            ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
            year.WorkingWeekends.Select(d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_2026_file_is_in_the_canonical_format()
    {
        // 2-space indent, unescaped Chinese, LF and a trailing newline: exactly what Serialize writes.
        var path = Path.Combine(CalendarDirectory, "cn-2026.json");
        var text = File.ReadAllText(path);

        Assert.Equal(CalendarYearFile.Serialize(CalendarYearFile.Load(path)), text);
        Assert.DoesNotContain("\\u", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void Save_then_load_round_trips()
    {
        var year = new CalendarYear(2030, "test notice",
            [new HolidayPeriod("元旦", Date("2030-01-01"), Date("2030-01-01"))],
            [new WorkingWeekendDay(Date("2030-01-05"))]);
        var path = Path.Combine(_temp.FullName, "cn-2030.json");

        CalendarYearFile.Save(path, year);
        var loaded = CalendarYearFile.Load(path);

        Assert.Equal(year.Holidays, loaded.Holidays);
        Assert.Equal(year.WorkingWeekends, loaded.WorkingWeekends);
        Assert.Equal(year.Source, loaded.Source);
    }

    [Fact]
    public void An_empty_directory_loads_no_years()
    {
        Assert.Empty(CalendarYearFile.LoadDirectory(_temp.FullName));
    }

    [Theory]
    [InlineData("cn-2099.json", "{ not json", "malformed JSON")]
    [InlineData("cn-2099.json", "", "malformed JSON")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [] }""", "workingWeekends")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [ { "name": "元旦", "from": "2099-13-01", "to": "2099-01-01" } ], "workingWeekends": [] }""", "malformed JSON")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": null, "workingWeekends": [] }""", "malformed JSON")]
    [InlineData("cn-2099.json", """{ "year": 2099, "holidays": [], "workingWeekends": [] }""", "source")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [ { "from": "2099-01-01", "to": "2099-01-01" } ], "workingWeekends": [] }""", "name")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [], "workingWeekends": [], "extra": 1 }""", "extra")]
    [InlineData("cn-2099.json", """{ "year": 2098, "source": "x", "holidays": [], "workingWeekends": [] }""", "file name says 2099")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [ { "name": "国庆", "from": "2099-10-07", "to": "2099-10-01" } ], "workingWeekends": [] }""", "before")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [], "workingWeekends": [ { "date": "2099-10-05" } ] }""", "not a Saturday or Sunday")]
    [InlineData("cn-2099.json", """{ "year": 2099, "source": "x", "holidays": [ { "name": "国庆", "from": "2099-10-01", "to": "2099-10-07" } ], "workingWeekends": [ { "date": "2099-10-03" } ] }""", "both a holiday")]
    [InlineData("cn-2099-draft.json", """{ "year": 2099, "source": "x", "holidays": [], "workingWeekends": [] }""", "cn-YYYY.json")]
    public void A_bad_file_fails_with_an_error_naming_the_file(string fileName, string content, string expectedFragment)
    {
        File.WriteAllText(Path.Combine(_temp.FullName, "cn-2026.json"),
            File.ReadAllText(Path.Combine(CalendarDirectory, "cn-2026.json")));
        File.WriteAllText(Path.Combine(_temp.FullName, fileName), content);

        var ex = Assert.Throws<CalendarDataException>(() => CalendarYearFile.LoadDirectory(_temp.FullName));

        Assert.Contains(fileName, ex.Message);
        Assert.Equal(fileName, Path.GetFileName(ex.FilePath));
        Assert.Contains(expectedFragment, ex.Message);
    }

    [Fact]
    public void A_missing_directory_is_reported()
    {
        var missing = Path.Combine(_temp.FullName, "nope");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => CalendarYearFile.LoadDirectory(missing));
        Assert.Contains(missing, ex.Message);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Approvals.Workflows.Calendar;

/// <summary>
/// Reads and writes the calendar data files: one JSON file per year named <c>cn-YYYY.json</c>
/// (e.g. <c>workflows/calendar/cn-2026.json</c>), which an admin edits when the next year's notice
/// comes out each November.
/// </summary>
public static partial class CalendarYearFile
{
    /// <summary>The search pattern for data files in a directory.</summary>
    public const string SearchPattern = "cn-*.json";

    // Strict on names and required members so a typo in a hand-edited file fails loudly at startup
    // instead of silently dropping a holiday; lenient on comments and trailing commas, which are
    // harmless. Writing: 2-space indent, LF, Chinese unescaped, so the file stays readable.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [GeneratedRegex(@"^cn-(\d{4})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    /// <summary>
    /// Loads every <c>cn-*.json</c> file in <paramref name="directory"/>, ordered by year.
    /// An empty directory gives an empty list (every year then falls back to Monday–Friday).
    /// </summary>
    /// <param name="directory">The calendar data directory.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="CalendarDataException">A file is malformed or invalid; the message names it.</exception>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Calendar data directory '{directory}' does not exist.");

        return Directory.EnumerateFiles(directory, SearchPattern)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .OrderBy(y => y.Year)
            .ToList();
    }

    /// <summary>Loads and validates one data file.</summary>
    /// <param name="path">A file named <c>cn-YYYY.json</c> whose <c>year</c> is YYYY.</param>
    /// <exception cref="CalendarDataException">The file cannot be read, is malformed or invalid.</exception>
    public static CalendarYear Load(string path)
    {
        var match = FileNamePattern().Match(Path.GetFileName(path));
        if (!match.Success)
            throw new CalendarDataException(path, "the file name must be cn-YYYY.json (e.g. cn-2026.json).");

        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CalendarDataException(path, ex.Message, ex);
        }

        var year = Parse(json, path);
        var expectedYear = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year.Year != expectedYear)
            throw new CalendarDataException(path, $"\"year\" is {year.Year} but the file name says {expectedYear}.");
        return year;
    }

    /// <summary>Parses and validates the JSON of one year.</summary>
    /// <param name="json">The file content.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <exception cref="CalendarDataException">The JSON is malformed or the data is invalid.</exception>
    public static CalendarYear Parse(string json, string fileName)
    {
        CalendarYear? year;
        try
        {
            year = JsonSerializer.Deserialize<CalendarYear>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException(fileName, $"malformed JSON: {ex.Message}", ex);
        }

        if (year is null)
            throw new CalendarDataException(fileName, "the file contains null instead of a calendar year.");
        Validate(year, fileName);
        return year;
    }

    /// <summary>
    /// Serializes a year in the data-file format: 2-space indented, Chinese unescaped, trailing newline.
    /// </summary>
    /// <param name="year">The year to write.</param>
    public static string Serialize(CalendarYear year) => JsonSerializer.Serialize(year, Options) + "\n";

    /// <summary>Writes a year to <paramref name="path"/> as UTF-8 (no BOM) in the data-file format.</summary>
    /// <param name="path">The target file, normally <c>cn-YYYY.json</c> in the calendar directory.</param>
    /// <param name="year">The year to write.</param>
    public static void Save(string path, CalendarYear year) =>
        File.WriteAllText(path, Serialize(year), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    // Invariant so messages read the same whatever the server culture (and its calendar) is.
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Checks the things JSON typing cannot: ranges, weekdays and contradictions. Dates may lie in the
    // neighbouring year because a notice can place 元旦 days in late December.
    private static void Validate(CalendarYear year, string fileName)
    {
        if (year.Year is < 1900 or > 9998)
            throw new CalendarDataException(fileName, $"\"year\" {year.Year} is out of range.");
        if (string.IsNullOrWhiteSpace(year.Source))
            throw new CalendarDataException(fileName, "\"source\" must name the notice the data comes from.");

        var holidayDays = new HashSet<DateOnly>();
        foreach (var holiday in year.Holidays)
        {
            if (string.IsNullOrWhiteSpace(holiday.Name))
                throw new CalendarDataException(fileName, $"a holiday starting {Iso(holiday.From)} has no name.");
            if (holiday.To < holiday.From)
                throw new CalendarDataException(fileName, $"holiday {holiday.Name}: \"to\" {Iso(holiday.To)} is before \"from\" {Iso(holiday.From)}.");
            if (Math.Abs(holiday.From.Year - year.Year) > 1 || holiday.To.DayNumber - holiday.From.DayNumber > 31)
                throw new CalendarDataException(fileName, $"holiday {holiday.Name} ({Iso(holiday.From)}–{Iso(holiday.To)}) does not fit year {year.Year}.");
            holidayDays.UnionWith(holiday.Days());
        }

        foreach (var day in year.WorkingWeekends)
        {
            if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new CalendarDataException(fileName, $"working weekend day {Iso(day.Date)} is a {day.Date.DayOfWeek}, not a Saturday or Sunday.");
            if (Math.Abs(day.Date.Year - year.Year) > 1)
                throw new CalendarDataException(fileName, $"working weekend day {Iso(day.Date)} does not fit year {year.Year}.");
            if (holidayDays.Contains(day.Date))
                throw new CalendarDataException(fileName, $"{Iso(day.Date)} is both a holiday and a working weekend day.");
        }
    }
}

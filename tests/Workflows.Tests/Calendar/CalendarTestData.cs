using System.Globalization;
using Approvals.Workflows.Calendar;

namespace Approvals.Workflows.Tests.Calendar;

/// <summary>Shared fixtures: the real data directory of the repo and a calendar built from it.</summary>
internal static class CalendarTestData
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);
    private static readonly Lazy<BusinessCalendar> CalendarLazy =
        new(() => BusinessCalendar.FromDirectory(CalendarDirectory));

    /// <summary>The office's offset; Asia/Shanghai has no daylight saving time.</summary>
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static string RepoRoot => RepoRootLazy.Value;

    public static string CalendarDirectory => Path.Combine(RepoRoot, "workflows", "calendar");

    /// <summary>The calendar built from the repo's data files (immutable, so shared by all tests).</summary>
    public static BusinessCalendar Calendar => CalendarLazy.Value;

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant given as office-local (Asia/Shanghai) wall time, e.g. "2026-09-30 16:00".</summary>
    public static DateTimeOffset Local(string localDateTime) =>
        new(DateTime.ParseExact(localDateTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Shanghai);

    // Tests run from bin/…; the data file lives in the repo, so walk up to the solution.
    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Approvals.sln above {AppContext.BaseDirectory}.");
    }
}

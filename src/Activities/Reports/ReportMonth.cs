using System.Globalization;
using Approvals.Workflows;

namespace Approvals.Activities.Reports;

/// <summary>A calendar month in office-local time, the period of a <see cref="IMonthlyReport"/>.</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    /// <summary>The month, or a 400 with a message in both languages when it is not a real one.</summary>
    public static ReportMonth Create(int year, int month)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
            throw ApprovalException.Invalid("invalid-month", $"月份无效：{year}年{month}月", $"not a valid month: {year}-{month}");
        return new ReportMonth(year, month);
    }

    /// <summary>The month containing <paramref name="date"/>.</summary>
    public static ReportMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month before the one <paramref name="now"/> falls in, in <paramref name="zone"/>: what "last month" means on the 1st.</summary>
    public static ReportMonth Previous(DateTimeOffset now, TimeZoneInfo zone) => Of(OfficeTime.LocalDate(now, zone)).AddMonths(-1);

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>A month <paramref name="months"/> later (earlier when negative).</summary>
    public ReportMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    /// <summary>Local midnight at the start of the month, in UTC.</summary>
    public DateTimeOffset StartUtc(TimeZoneInfo zone) => OfficeTime.ToUtc(FirstDay, TimeOnly.MinValue, zone);

    /// <summary>Local midnight at the start of the next month, in UTC (exclusive end).</summary>
    public DateTimeOffset EndUtc(TimeZoneInfo zone) => OfficeTime.ToUtc(FirstDay.AddMonths(1), TimeOnly.MinValue, zone);

    /// <summary>e.g. 2026年11月.</summary>
    public string LabelZh => $"{Year}年{Month}月";

    /// <summary>e.g. November 2026.</summary>
    public string LabelEn => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{Year:0000}-{Month:00}";
}

using System.Globalization;
using System.Text;
using Approvals.Activities.Reports;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Activities.Leave;

/// <summary>
/// 月度请假统计 for HR (rule 4: 由人事科负责统计每月请假情况; rule 8: 每月月初在全办微信群内通报): per person and
/// leave type, the number of approved leaves and their working days inside the month, and who has not
/// reported back. A leave spanning months counts in each month with the working days that fall in it; a
/// leave reported back early counts up to the report-back. Only filed leaves (<see cref="LeaveRecord"/>) count.
/// </summary>
public sealed class LeaveMonthlyReport(ApprovalsDb db, IOrganization org, IBusinessCalendar calendar, TimeProvider clock) : IMonthlyReport
{
    /// <inheritdoc />
    public string Key => "leave";

    /// <inheritdoc />
    public LocalizedText Title { get; } = new("月度请假统计", "Monthly leave statistics");

    /// <inheritdoc />
    public async Task<MonthlyReport> BuildAsync(int year, int month, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var counter = new LeaveDayCounter(calendar);
        var first = new DateOnly(year, month, 1);
        var monthStart = counter.Instant(first);
        var monthEnd = counter.Instant(first.AddMonths(1));
        var now = clock.GetUtcNow();
        var (from, to) = (monthStart.UtcDateTime, monthEnd.UtcDateTime);

        List<LeaveRecord> records;
        await using (var ctx = db.Create())
            records = await ctx.LeaveRecords.AsNoTracking().Where(r => r.Start < to && r.End > from).ToListAsync(ct);
        // The directory's order (by section, the most senior first), so the table reads like the office list.
        var users = (await org.UsersAsync(ct)).Select((u, i) => (User: u, Order: i)).ToDictionary(x => x.User.Id);
        var sectionNames = (await org.SectionsAsync(ct)).ToDictionary(s => s.Id, s => s.NameZh);

        (string Name, string SectionId, string Section, int Order) Person(string id) =>
            users.TryGetValue(id, out var x)
                ? (x.User.Name, x.User.SectionId, sectionNames.GetValueOrDefault(x.User.SectionId) ?? x.User.SectionId, x.Order)
                : (id, "", "", int.MaxValue);

        var statistics = records
            .Select(r => (Record: r, Days: counter.WorkingDays(Max(r.Start, from), Min(ActualEnd(r), to))))
            .Where(x => x.Days > 0)
            .GroupBy(x => (x.Record.UserId, x.Record.LeaveType))
            .Select(g =>
            {
                var p = Person(g.Key.UserId);
                var label = LeaveTypes.Label(g.Key.LeaveType);
                return (Order: p.Order, Row: new LeaveStatisticsRow("leave", g.Key.UserId, p.Name, p.SectionId, p.Section,
                    g.Key.LeaveType, label.ZhCN, label.En, g.Count(), g.Sum(x => x.Days)));
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Row.UserId, StringComparer.Ordinal).ThenBy(x => LeaveTypes.Order(x.Row.LeaveType))
            .ThenBy(x => x.Row.LeaveType, StringComparer.Ordinal)
            .Select(x => x.Row).ToList();

        var cutOff = TimeOnly.ParseExact(LeaveReportBack.CutOff, "HH:mm", CultureInfo.InvariantCulture);
        var notBack = records
            .Where(r => r.ReportedBackAt is null && r.End <= now.UtcDateTime && r.End <= to)
            .Select(r =>
            {
                var p = Person(r.UserId);
                var label = LeaveTypes.Label(r.LeaveType);
                var due = calendar.EndOfWorkingDay(new DateTimeOffset(r.End, TimeSpan.Zero), cutOff);
                return (Order: p.Order, Row: new LeaveNotReportedBackRow("notReportedBack", r.UserId, p.Name, p.SectionId, p.Section,
                    r.LeaveType, label.ZhCN, label.En, r.InstanceId, DateOnly.FromDateTime(counter.Local(new DateTimeOffset(r.End, TimeSpan.Zero).AddTicks(-1))),
                    due.UtcDateTime, due <= now));
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Row.UserId, StringComparer.Ordinal).ThenBy(x => x.Row.LastDay)
            .Select(x => x.Row).ToList();

        return new MonthlyReport(Key, year, month, Title, [.. statistics, .. notBack], Markdown(year, month, statistics, notBack));
    }

    // A report-back before the planned end ends the leave there (never before it began).
    private static DateTime ActualEnd(LeaveRecord r) =>
        r.ReportedBackAt is { } back && back < r.End ? Max(back, r.Start) : r.End;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string Markdown(int year, int month, IReadOnlyList<LeaveStatisticsRow> statistics, IReadOnlyList<LeaveNotReportedBackRow> notBack)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"## {year}年{month}月请假统计 / Leave statistics {year}-{month:00}\n\n");
        if (statistics.Count == 0) md.Append("本月无请假。 / No leave this month.\n");
        else
        {
            md.Append("| 姓名 Name | 科室 Section | 类型 Type | 次数 Count | 工作日 Working days |\n|---|---|---|---:|---:|\n");
            foreach (var r in statistics)
                md.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Section} | {r.LeaveTypeZh} | {r.Count} | {Days(r.WorkingDays)} |\n");
            md.Append(CultureInfo.InvariantCulture,
                $"\n合计 {statistics.Select(r => r.UserId).Distinct().Count()} 人、{statistics.Sum(r => r.Count)} 人次、{Days(statistics.Sum(r => r.WorkingDays))} 个工作日 / " +
                $"total: {statistics.Select(r => r.UserId).Distinct().Count()} people, {statistics.Sum(r => r.Count)} leaves, {Days(statistics.Sum(r => r.WorkingDays))} working days\n");
        }
        if (notBack.Count > 0)
        {
            md.Append("\n### 未销假 / Not reported back\n\n| 姓名 Name | 科室 Section | 类型 Type | 休假至 Last day | 状态 Status |\n|---|---|---|---|---|\n");
            foreach (var r in notBack)
                md.Append(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Section} | {r.LeaveTypeZh} | {r.LastDay:yyyy-MM-dd} | {(r.Overdue ? "逾期未销假 overdue" : "待销假 due")} |\n");
        }
        return md.ToString();
    }

    private static string Days(decimal d) => d.ToString("0.#", CultureInfo.InvariantCulture);
}

using Approvals.Workflows.Definitions;

namespace Approvals.Activities.Reports;

/// <summary>
/// A monthly figure the office publishes (每月月初在全办微信群内通报): leave statistics for HR, the overdue
/// report. Served by <c>/api/reports/{key}</c> and posted to the WeCom group when that is configured.
/// </summary>
public interface IMonthlyReport
{
    /// <summary>The report's key in the API, e.g. <c>leave</c>, <c>overdue</c>.</summary>
    string Key { get; }
    LocalizedText Title { get; }
    Task<MonthlyReport> BuildAsync(int year, int month, CancellationToken ct = default);
}

/// <summary>A built report: its rows for the API and the markdown for the group chat.</summary>
/// <param name="Rows">One object per line of the report (serialised as JSON by the API).</param>
public sealed record MonthlyReport(string Key, int Year, int Month, LocalizedText Title, IReadOnlyList<object> Rows, string Markdown);

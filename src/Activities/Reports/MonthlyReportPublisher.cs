using Approvals.Workflows.Calendar;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.Activities.Reports;

/// <summary>
/// Builds the registered <see cref="IMonthlyReport"/>s and posts them to the office's WeCom group
/// (每月月初在全办微信群内通报). <see cref="PostDueAsync"/> is the monthly schedule: on the first working day of
/// a month from 09:00 (office time) every report of the previous month is posted once, also with several
/// hosts: a <see cref="ReportRun"/> row (key, year, month) is inserted first, and a duplicate key means
/// another host has it.
/// </summary>
public sealed class MonthlyReportPublisher(
    IEnumerable<IMonthlyReport> reports, ApprovalsDb db, TimeProvider clock, IServiceProvider services, ILogger<MonthlyReportPublisher> log)
{
    /// <summary>The office-local time from which the first working day's reports go out.</summary>
    public static readonly TimeOnly PostFrom = new(9, 0);

    private readonly IReadOnlyList<IMonthlyReport> _reports = reports.ToList();

    // Resolved when first needed, not at startup: a host without calendar data still starts (and says so).
    private IBusinessCalendar? Calendar => services.GetService<IBusinessCalendar>();

    /// <summary>Every registered report.</summary>
    public IReadOnlyList<IMonthlyReport> Reports => _reports;

    /// <summary>The WeCom channel when a webhook is configured, else null.</summary>
    public WeComChannel? WeCom => services.GetService<WeComChannel>() is { IsEnabled: true } channel ? channel : null;

    /// <summary>The office's time zone.</summary>
    public TimeZoneInfo Zone => OfficeTime.Zone(Calendar);

    /// <summary>The report with this key, or null.</summary>
    public IMonthlyReport? Find(string key) => _reports.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The month a report defaults to: the previous one in office time.</summary>
    public ReportMonth DefaultMonth() => ReportMonth.Previous(clock.GetUtcNow(), Zone);

    /// <summary>When this month's reports are due: 09:00 on the month's first working day, office time, in UTC.</summary>
    public DateTimeOffset DueAt(ReportMonth current)
    {
        var calendar = Calendar;
        var day = current.FirstDay;
        while (!OfficeTime.IsWorkingDay(day, calendar)) day = day.AddDays(1);
        return OfficeTime.ToUtc(day, PostFrom, Zone);
    }

    /// <summary>
    /// Posts every report of the previous month that is due and not yet posted by any host; returns how many
    /// this call posted. Does nothing without a WeCom webhook. A report whose post fails is released again, so
    /// the next pass retries it.
    /// </summary>
    public async Task<int> PostDueAsync(CancellationToken ct = default)
    {
        if (WeCom is not { } channel) return 0;
        var now = clock.GetUtcNow();
        var current = ReportMonth.Of(OfficeTime.LocalDate(now, Zone));
        if (now < DueAt(current)) return 0;
        var month = current.AddMonths(-1);
        var posted = 0;
        foreach (var report in _reports)
        {
            if (!await TryClaimAsync(report.Key, month, ct)) continue;
            try
            {
                var built = await report.BuildAsync(month.Year, month.Month, ct);
                await channel.PostMarkdownAsync(WeComText.Fit(built.Markdown), ct);
                posted++;
                log.LogInformation("Posted the monthly report {Key} for {Month} to WeCom", report.Key, month);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(e, "The monthly report {Key} for {Month} could not be posted; it will be tried again", report.Key, month);
                await ReleaseAsync(report.Key, month, CancellationToken.None);
            }
        }
        return posted;
    }

    /// <summary>Posts one built report now (the admin's "post" button) and records it, so the schedule does not post it again.</summary>
    /// <exception cref="InvalidOperationException">No WeCom webhook is configured.</exception>
    /// <exception cref="WeComException">WeCom refused the message.</exception>
    public async Task PostNowAsync(MonthlyReport report, CancellationToken ct = default)
    {
        var channel = WeCom ?? throw new InvalidOperationException("No WeCom webhook is configured (Notifications:WeCom:WebhookUrl).");
        await channel.PostMarkdownAsync(WeComText.Fit(report.Markdown), ct);
        await TryClaimAsync(report.Key, new ReportMonth(report.Year, report.Month), ct);
    }

    /// <summary>Inserts the run row; false when it exists already (this host or another posted it, or is posting it).</summary>
    public async Task<bool> TryClaimAsync(string key, ReportMonth month, CancellationToken ct)
    {
        await using var ctx = db.Create();
        if (await ctx.ReportRuns.AnyAsync(r => r.Key == key && r.Year == month.Year && r.Month == month.Month, ct)) return false;
        ctx.ReportRuns.Add(new ReportRun { Key = key, Year = month.Year, Month = month.Month, PostedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await ctx.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Provider-neutral duplicate-key check: if the row is there now, another host inserted it first.
            await using var check = db.Create();
            if (await check.ReportRuns.AnyAsync(r => r.Key == key && r.Year == month.Year && r.Month == month.Month, ct)) return false;
            throw;
        }
    }

    private async Task ReleaseAsync(string key, ReportMonth month, CancellationToken ct)
    {
        try
        {
            await using var ctx = db.Create();
            await ctx.ReportRuns.Where(r => r.Key == key && r.Year == month.Year && r.Month == month.Month).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) { log.LogError(e, "Could not release the run of {Key} for {Month}", key, month); }
    }
}

using System.Text.Json;
using Approvals.Activities.Reports;
using Approvals.Workflows.Tests.Engine;
using Approvals.Workflows.Tests.Notifications;
using Approvals.Workflows.Tests.Office.Supervision;
using Microsoft.EntityFrameworkCore;
using static Approvals.Workflows.Tests.Office.Supervision.SupervisionHarness;

namespace Approvals.Workflows.Tests.Office.Reports;

/// <summary>The monthly schedule: first working day after 09:00, once across hosts, nothing without WeCom.</summary>
public sealed class MonthlyReportWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hosts_on_one_database_post_each_report_once_on_the_first_working_day_after_nine()
    {
        await using var robot = new WebhookTestServer();
        var dbFile = EngineHarness.NewDbFile();
        await using var a = await CreateAsync(Bj(2026, 12, 1, 8, 50), robot.Url, dbFile); // Tuesday 12-01: a working day
        await using var b = await CreateAsync(Bj(2026, 12, 1, 8, 50), robot.Url, dbFile);
        var (workerA, workerB) = (a.Engine.Get<MonthlyReportWorker>(), b.Engine.Get<MonthlyReportWorker>());
        var reports = a.Engine.Get<MonthlyReportPublisher>().Reports;
        Assert.Contains(reports, r => r.Key == "overdue");

        Assert.Equal(0, await workerA.RunOnceAsync(Ct) + await workerB.RunOnceAsync(Ct)); // before 09:00
        Assert.Empty(robot.Bodies);

        a.Clock.SetUtcNow(Bj(2026, 12, 1, 9));
        b.Clock.SetUtcNow(Bj(2026, 12, 1, 9));
        var posted = await Task.WhenAll(workerA.RunOnceAsync(Ct), workerB.RunOnceAsync(Ct));

        Assert.Equal(reports.Count, posted.Sum());
        Assert.Equal(reports.Count, robot.Bodies.Count);
        Assert.Single(robot.Bodies, body => Content(body).StartsWith("## 2026年11月 逾期事项通报"));
        await using (var ctx = a.Engine.Db.Create())
            Assert.Equal(reports.Select(r => (r.Key, 2026, 11)).Order(),
                (await ctx.ReportRuns.ToListAsync(Ct)).Select(r => (r.Key, r.Year, r.Month)).Order());

        // Ten minutes later, and the next day: nothing more.
        a.Clock.SetUtcNow(Bj(2026, 12, 1, 9, 10));
        b.Clock.SetUtcNow(Bj(2026, 12, 2, 9, 10));
        Assert.Equal(0, await workerA.RunOnceAsync(Ct) + await workerB.RunOnceAsync(Ct));
        Assert.Equal(reports.Count, robot.Bodies.Count);
    }

    [Fact]
    public async Task Of_many_simultaneous_claims_on_one_database_exactly_one_wins_and_none_fails()
    {
        var dbFile = EngineHarness.NewDbFile();
        await using var a = await CreateAsync(Bj(2026, 12, 1, 9), dbFile: dbFile);
        await using var b = await CreateAsync(Bj(2026, 12, 1, 9), dbFile: dbFile);
        var (pa, pb) = (a.Engine.Get<MonthlyReportPublisher>(), b.Engine.Get<MonthlyReportPublisher>());
        var month = new ReportMonth(2026, 11);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(() => (n % 2 == 0 ? pa : pb).TryClaimAsync("overdue", month, Ct), Ct)));

        Assert.Equal(1, claims.Count(c => c));
    }

    [Fact]
    public async Task In_October_the_first_working_day_is_after_the_National_Day_holiday()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(Bj(2026, 10, 1, 10), robot.Url);
        var worker = h.Engine.Get<MonthlyReportWorker>();

        foreach (var day in new[] { 1, 2, 5, 7 })
        {
            h.Clock.SetUtcNow(Bj(2026, 10, day, 10));
            Assert.Equal(0, await worker.RunOnceAsync(Ct));
        }
        h.Clock.SetUtcNow(Bj(2026, 10, 8, 9));
        Assert.NotEqual(0, await worker.RunOnceAsync(Ct));
        Assert.Single(robot.Bodies, body => Content(body).StartsWith("## 2026年9月 逾期事项通报"));
    }

    [Fact]
    public async Task A_host_that_was_down_on_the_day_catches_up_later_in_the_month()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(Bj(2026, 12, 7, 15), robot.Url);

        Assert.NotEqual(0, await h.Engine.Get<MonthlyReportWorker>().RunOnceAsync(Ct));
        Assert.Single(robot.Bodies, body => Content(body).StartsWith("## 2026年11月 逾期事项通报"));
    }

    [Fact]
    public async Task A_failed_post_is_released_and_posted_on_the_next_pass()
    {
        await using var robot = new WebhookTestServer();
        await using var h = await CreateAsync(Bj(2026, 12, 1, 9, 30), robot.Url);
        var worker = h.Engine.Get<MonthlyReportWorker>();
        var count = h.Engine.Get<MonthlyReportPublisher>().Reports.Count;
        for (var n = 0; n < count; n++) robot.FailNextWithStatus(500);

        Assert.Equal(0, await worker.RunOnceAsync(Ct));
        await using (var ctx = h.Engine.Db.Create())
            Assert.Empty(await ctx.ReportRuns.ToListAsync(Ct));

        h.Clock.SetUtcNow(Bj(2026, 12, 1, 9, 40));
        Assert.Equal(count, await worker.RunOnceAsync(Ct));
        Assert.Equal(2 * count, robot.Bodies.Count);
    }

    [Fact]
    public async Task Without_WeCom_the_schedule_does_nothing_at_all()
    {
        await using var h = await CreateAsync(Bj(2026, 12, 1, 10));

        Assert.Equal(0, await h.Engine.Get<MonthlyReportWorker>().RunOnceAsync(Ct));
        await using var ctx = h.Engine.Db.Create();
        Assert.Empty(await ctx.ReportRuns.ToListAsync(Ct));
    }

    private static string Content(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
}

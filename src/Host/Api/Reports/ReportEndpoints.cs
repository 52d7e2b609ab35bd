using Approvals.Activities.Reports;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Notifications;

namespace Approvals.Host.Api.Reports;

/// <summary>
/// <c>/api/reports</c>: the monthly reports (通报) — the list, one report for a month (rows and the markdown
/// posted to the office group), and, for admins, posting it to the WeCom group now.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>Maps the report endpoints under <paramref name="api"/>.</summary>
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("Reports");

        g.MapGet("/", async (HttpContext http, MonthlyReportPublisher publisher) =>
        {
            await Caller.RequireAsync(http);
            var month = publisher.DefaultMonth();
            return Results.Ok(new
            {
                reports = publisher.Reports.Select(r => new { key = r.Key, title = r.Title }),
                defaultYear = month.Year,
                defaultMonth = month.Month,
                weComConfigured = publisher.WeCom is not null,
            });
        }).WithSummary("The monthly reports: key and title of each, the default month (the previous one, Beijing time)");

        g.MapGet("/{key}", async (string key, int? year, int? month, HttpContext http, MonthlyReportPublisher publisher) =>
        {
            await Caller.RequireAsync(http);
            var report = Find(publisher, key);
            var period = MonthOf(publisher, year, month);
            return Results.Ok(await report.BuildAsync(period.Year, period.Month, http.RequestAborted));
        }).WithSummary("One report for a month (?year=&month=, default the previous month in Beijing time): rows and markdown");

        g.MapPost("/{key}/post", async (string key, int? year, int? month, HttpContext http, MonthlyReportPublisher publisher) =>
        {
            await Caller.RequireAdminAsync(http);
            var report = Find(publisher, key);
            if (publisher.WeCom is null)
                throw ApprovalException.Conflict("wecom-not-configured", "未配置企业微信群机器人（Notifications:WeCom:WebhookUrl），无法发送",
                    "no WeCom group robot is configured (Notifications:WeCom:WebhookUrl)");
            var period = MonthOf(publisher, year, month);
            var built = await report.BuildAsync(period.Year, period.Month, http.RequestAborted);
            try
            {
                await publisher.PostNowAsync(built, http.RequestAborted);
            }
            catch (Exception e) when (e is WeComException or HttpRequestException or TaskCanceledException && !http.RequestAborted.IsCancellationRequested)
            {
                // WeCom, not the caller, failed: 502 with WeCom's answer (which never holds the robot's key).
                var text = new LocalizedText($"企业微信发送失败：{e.Message}", $"WeCom did not take the message: {e.Message}");
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: Language.Pick(http, text),
                    type: "https://approvals.local/errors/wecom-failed", extensions: new Dictionary<string, object?> { ["code"] = "wecom-failed" });
            }
            return Results.Ok(new { posted = true, key = built.Key, year = built.Year, month = built.Month });
        }).WithSummary("Admins: post a report for a month to the office's WeCom group now (it then counts as that month's post)");
    }

    private static IMonthlyReport Find(MonthlyReportPublisher publisher, string key) =>
        publisher.Find(key) ?? throw ApprovalException.NotFound("report-not-found", $"报表“{key}”不存在", $"there is no report '{key}'");

    private static ReportMonth MonthOf(MonthlyReportPublisher publisher, int? year, int? month)
    {
        if (year is null && month is null) return publisher.DefaultMonth();
        if (year is null || month is null)
            throw ApprovalException.Invalid("invalid-month", "请同时提供 year 和 month", "give both year and month");
        return ReportMonth.Create(year.Value, month.Value);
    }
}

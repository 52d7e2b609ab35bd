using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Health;

/// <summary>
/// <c>/health</c>: the worst of its checks (<see cref="HealthReport"/>) as <c>status</c> — <c>Healthy</c> and <c>Degraded</c>
/// answer 200 (the platform works; someone should look), <c>Unhealthy</c> 503 — with <c>reasons</c> and every check in
/// <c>checks</c>. It also names the database provider and the years the working calendar has holiday data for
/// (<c>calendar</c>), so an operator sees at once whether a deployment found its calendar files.
/// </summary>
public static class HealthEndpoints
{
    public static void AddApprovalsHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Health").Get<HealthOptions>() ?? new HealthOptions());
        builder.Services.AddSingleton<HealthReport>();
    }

    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (HealthReport report, ApprovalsDb db, IBusinessCalendar calendar, CancellationToken ct) =>
        {
            var checks = await report.RunAsync(ct);
            var status = checks.MaxBy(c => HealthCheck.Rank(c.Status))?.Status ?? HealthCheck.Healthy;
            var body = new
            {
                status,
                database = db.Options.Provider,
                calendar = calendar.YearsWithData,
                reasons = checks.Where(c => c.Reason is not null).Select(c => $"{c.Name}: {c.Reason}").ToList(),
                checks = checks.Select(c => new { name = c.Name, status = c.Status, reason = c.Reason, data = c.Data }).ToList(),
            };
            return Results.Json(body, statusCode: status == HealthCheck.Unhealthy ? 503 : 200);
        }).AllowAnonymous().ExcludeFromDescription();
}

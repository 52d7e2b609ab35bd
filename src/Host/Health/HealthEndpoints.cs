using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Health;

/// <summary>
/// <c>/health</c>: 200 when the database answers, 503 when it does not. It also names the years the working calendar
/// has holiday data for (<c>calendar</c>), so an operator sees at once whether a deployment found its calendar files
/// or fell back to Monday–Friday.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (ApprovalsDb db, IBusinessCalendar calendar, CancellationToken ct) =>
        {
            try
            {
                await using var ctx = db.Create();
                var ok = await ctx.Database.CanConnectAsync(ct);
                var body = new { status = ok ? "Healthy" : "Unhealthy", database = db.Options.Provider, calendar = calendar.YearsWithData };
                return ok ? Results.Ok(body) : Results.Json(body, statusCode: 503);
            }
            catch (Exception e)
            {
                return Results.Json(new { status = "Unhealthy", error = e.Message }, statusCode: 503);
            }
        }).AllowAnonymous().ExcludeFromDescription();
}

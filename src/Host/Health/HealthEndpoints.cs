using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Health;

/// <summary><c>/health</c>: 200 when the database answers, 503 when it does not.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (ApprovalsDb db, CancellationToken ct) =>
        {
            try
            {
                await using var ctx = db.Create();
                var ok = await ctx.Database.CanConnectAsync(ct);
                return ok ? Results.Ok(new { status = "Healthy", database = db.Options.Provider })
                          : Results.Json(new { status = "Unhealthy", database = db.Options.Provider }, statusCode: 503);
            }
            catch (Exception e)
            {
                return Results.Json(new { status = "Unhealthy", error = e.Message }, statusCode: 503);
            }
        }).AllowAnonymous().ExcludeFromDescription();
}

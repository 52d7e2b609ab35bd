using Approvals.Host.Api.Tasks;
using Approvals.Workflows;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Api.Notifications;

/// <summary><c>/api/notifications</c>: my in-app notifications and their read state.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("Notifications");

        g.MapGet("/", async (HttpContext http, ApprovalsDb db, bool? unread, int? page, int? pageSize) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            var size = Math.Clamp(pageSize ?? 20, 1, 100);
            var index = Math.Max(page ?? 1, 1);
            await using var ctx = db.Create();
            var q = ctx.Notifications.AsNoTracking().Where(n => n.UserId == actor.Id);
            if (unread == true) q = q.Where(n => n.ReadAt == null);
            var total = await q.CountAsync(http.RequestAborted);
            var items = await q.OrderByDescending(n => n.CreatedAt).Skip((index - 1) * size).Take(size)
                .Select(n => new { n.Id, n.Kind, n.Title, n.Body, n.InstanceId, n.TaskId, n.CreatedAt, n.ReadAt }).ToListAsync(http.RequestAborted);
            return Results.Ok(new { total, page = index, pageSize = size, items });
        }).WithSummary("My notifications, newest first");

        g.MapPost("/{id}/read", async (string id, HttpContext http, ApprovalsDb db, TimeProvider clock) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            await using var ctx = db.Create();
            var now = clock.GetUtcNow().UtcDateTime;
            var n = await ctx.Notifications.Where(n => n.Id == id && n.UserId == actor.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, x => x.ReadAt ?? now), http.RequestAborted);
            return n == 1 ? Results.Ok(new { done = true })
                : throw ApprovalException.NotFound("notification-not-found", "通知不存在", "the notification does not exist");
        }).WithSummary("Mark one notification as read");

        g.MapPost("/read-all", async (HttpContext http, ApprovalsDb db, TimeProvider clock) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            await using var ctx = db.Create();
            var now = clock.GetUtcNow().UtcDateTime;
            var count = await ctx.Notifications.Where(n => n.UserId == actor.Id && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, now), http.RequestAborted);
            return Results.Ok(new { marked = count });
        }).WithSummary("Mark all my notifications as read");
    }
}

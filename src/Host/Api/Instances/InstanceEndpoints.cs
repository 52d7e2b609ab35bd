using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Api.Instances;

/// <summary><c>/api/instances</c>: start with form input, read with status, position and journal, cancel, retry.</summary>
public static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/instances").WithTags("Instances");

        g.MapPost("/", async (HttpRequest request, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadObjectAsync(request, ct);
            var definitionId = body["definitionId"] is JsonValue v && v.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id)
                ? id
                : throw ApprovalException.Invalid("missing-definition-id", "请指定要发起的流程 (definitionId)", "definitionId is required");
            var input = body["input"] switch
            {
                null => new JsonObject(),
                JsonObject o => (JsonObject)o.DeepClone(),
                _ => throw ApprovalException.Invalid("input-not-object", "表单数据 (input) 必须是 JSON 对象", "input must be a JSON object"),
            };
            var caller = await Caller.RequireAsync(request.HttpContext);
            var instance = await runtime.StartAsync(definitionId, input, caller.Id, ct);
            return Results.Created($"/api/instances/{instance.Id}", InstanceSummary.From(instance));
        }).WithSummary("Start the latest published version of a workflow with start-form input");

        g.MapGet("/", async (string? definitionId, InstanceStatus? status, int? page, int? pageSize, ApprovalsDb db, CancellationToken ct) =>
        {
            var size = Math.Clamp(pageSize ?? 20, 1, 200);
            var index = Math.Max(page ?? 1, 1);
            await using var ctx = db.Create();
            var q = ctx.Instances.AsNoTracking();
            if (!string.IsNullOrEmpty(definitionId)) q = q.Where(i => i.DefinitionId == definitionId);
            if (status is not null) q = q.Where(i => i.Status == status);
            var total = await q.CountAsync(ct);
            var items = await q.OrderByDescending(i => i.CreatedAt).Skip((index - 1) * size).Take(size).ToListAsync(ct);
            return Results.Ok(new { total, page = index, pageSize = size, items = items.Select(InstanceSummary.From) });
        }).WithSummary("Instances, newest first, filtered by workflow and status").RequireAdmin();

        g.MapGet("/{id}", async (string id, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            var details = await runtime.GetAsync(id, ct)
                          ?? throw ApprovalException.NotFound("instance-not-found", "流程实例不存在", "the workflow instance does not exist");
            return Results.Ok(InstanceView.From(details));
        }).WithSummary("Status, current position (bookmarks), variables, incidents and journal").RequireAdmin();

        g.MapPost("/{id}/cancel", async (string id, HttpRequest request, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            string? reason = null;
            if (request.ContentLength > 0 && (await RequestBody.ReadObjectAsync(request, ct))["reason"] is JsonValue r) reason = CommentLimit.Check(r.ToString());
            return Results.Ok(InstanceSummary.From(await runtime.CancelAsync(id, ApiSecurity.ActingUser(request.HttpContext), reason, ct: ct)));
        }).WithSummary("Cancel a running, suspended or faulted instance").RequireAdmin();

        g.MapPost("/{id}/retry", async (string id, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct) =>
            Results.Ok(InstanceSummary.From(await runtime.RetryAsync(id, ApiSecurity.ActingUser(http), ct))))
            .WithSummary("Retry the faulted activity after fixing its cause").RequireAdmin();
    }
}

using System.Text.Json.Nodes;
using Approvals.Host.Api.Instances;
using Approvals.Host.Api.Tasks;
using Approvals.Workflows;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Host.Api.Requests;

/// <summary><c>/api/requests</c>: start a request, my requests, one case, withdraw, urge, comment; copies sent to me.</summary>
public static class RequestEndpoints
{
    public static void MapRequestEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/requests").WithTags("Requests");

        g.MapPost("/", async (HttpContext http, RequestStarts starts) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            var body = await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted);
            var definitionId = body["definitionId"] is JsonValue v && v.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id)
                ? id : throw ApprovalException.Invalid("missing-definition-id", "请选择要发起的流程", "definitionId is required");
            var input = body["input"] as JsonObject ?? (body["input"] is null ? new JsonObject()
                : throw ApprovalException.Invalid("input-not-object", "表单数据 (input) 必须是 JSON 对象", "input must be a JSON object"));
            var key = RequestStarts.ValidKey(http.Request.Headers["Idempotency-Key"].ToString());
            var (instance, replayed) = await starts.StartAsync(definitionId, (JsonObject)input.DeepClone(), actor, key, [], http.RequestAborted);
            // A repeated key answers with the case the first request started (200), not a second case.
            return replayed ? Results.Ok(InstanceSummary.From(instance)) : Results.Created($"/api/requests/{instance.Id}", InstanceSummary.From(instance));
        }).WithSummary("Start a request as the signed-in user; an Idempotency-Key header makes a retry return the same case");

        g.MapGet("/", async (HttpContext http, ITaskInbox inbox, InstanceStatus? status, int? page, int? pageSize) =>
            await inbox.MyRequestsAsync(await TaskEndpoints.ActorAsync(http), status, page ?? 1, pageSize ?? 20, http.RequestAborted))
            .WithSummary("Requests I started, with their current steps and assignees");

        g.MapGet("/{id}", async (string id, HttpContext http, ITaskInbox inbox) =>
            await inbox.CaseAsync(id, await TaskEndpoints.ActorAsync(http), http.RequestAborted))
            .WithSummary("One case: form, status, current steps, timeline, attachments (participants only)");

        g.MapPost("/{id}/withdraw", async (string id, HttpContext http, ITaskInbox inbox) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            string? reason = http.Request.ContentLength is > 0 ? (await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted))["reason"]?.ToString() : null;
            return Results.Ok(InstanceSummary.From(await inbox.WithdrawAsync(id, actor, reason, http.RequestAborted)));
        }).WithSummary("Withdraw (撤回) my request: open tasks are cancelled, the case ends as Withdrawn");

        g.MapPost("/{id}/urge", async (string id, HttpContext http, ITaskInbox inbox) =>
            Results.Ok(new { urged = await inbox.UrgeAsync(id, await TaskEndpoints.ActorAsync(http), http.RequestAborted) }))
            .WithSummary("Urge (催办) the current assignees of my request; once an hour per task");

        g.MapPost("/{id}/comments", async (string id, HttpContext http, ITaskInbox inbox) =>
        {
            var actor = await TaskEndpoints.ActorAsync(http);
            var text = (await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted))["text"]?.ToString() ?? "";
            await inbox.CommentAsync(id, actor, text, http.RequestAborted);
            return Results.Ok(new { done = true });
        }).WithSummary("Add a comment to the case timeline");

        api.MapGet("/instances/{id}/timeline", async (string id, HttpContext http, ITaskInbox inbox) =>
            await inbox.TimelineAsync(id, await TaskEndpoints.ActorAsync(http), http.RequestAborted))
            .WithTags("Instances").WithSummary("The case timeline (who did what, when, to whom, on whose behalf), in order");

        var cc = api.MapGroup("/cc").WithTags("Carbon copies");
        cc.MapGet("/", async (HttpContext http, ITaskInbox inbox, bool? unread, int? page, int? pageSize) =>
            await inbox.CarbonCopiesAsync(await TaskEndpoints.ActorAsync(http), unread ?? false, page ?? 1, pageSize ?? 20, http.RequestAborted))
            .WithSummary("Cases copied to me (抄送我的), newest first");
        cc.MapPost("/{id}/read", async (string id, HttpContext http, ITaskInbox inbox) =>
        {
            await inbox.MarkCarbonCopyReadAsync(id, await TaskEndpoints.ActorAsync(http), http.RequestAborted);
            return Results.Ok(new { done = true });
        }).WithSummary("Mark a copy as read");
    }
}

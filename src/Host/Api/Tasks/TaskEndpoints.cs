using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Host.Api.Tasks;

/// <summary><c>/api/tasks</c>: my to-do, done, counts, one task, and every action on a task.</summary>
public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("Tasks");

        g.MapGet("/todo", async (HttpContext http, ITaskInbox inbox, string? definitionId, bool? overdue, bool? dueToday, string? sort, int? page, int? pageSize) =>
            await inbox.TodoAsync(await ActorAsync(http), new InboxFilter(definitionId, overdue ?? false, dueToday ?? false, sort, page ?? 1, pageSize ?? 20), http.RequestAborted))
            .WithSummary("My to-do: assigned or delegated to me, plus my section's unclaimed pool tasks; sorted by due date");

        g.MapGet("/done", async (HttpContext http, ITaskInbox inbox, string? definitionId, int? page, int? pageSize) =>
            await inbox.DoneAsync(await ActorAsync(http), new InboxFilter(definitionId, Page: page ?? 1, PageSize: pageSize ?? 20), http.RequestAborted))
            .WithSummary("Tasks I completed, newest first");

        g.MapGet("/counts", async (HttpContext http, ITaskInbox inbox) => await inbox.CountsAsync(await ActorAsync(http), http.RequestAborted))
            .WithSummary("Badge counts: to-do, overdue, due today, unread copies, my requests in progress, unread notifications");

        g.MapGet("/assignment-strategies", (AssignmentStrategyRegistry registry) =>
            registry.All.Select(s => new { s.Name, s.Label })).WithSummary("The assignment strategies a UserTask may use");

        g.MapGet("/{id}", async (string id, HttpContext http, ITaskInbox inbox) => await inbox.TaskAsync(id, await ActorAsync(http), http.RequestAborted))
            .WithSummary("A task with its case, the form as this step shows it, allowed actions, return targets and the timeline");

        foreach (var kind in new[] { TaskActionKinds.Approve, TaskActionKinds.Reject, TaskActionKinds.Return, TaskActionKinds.Transfer,
                     TaskActionKinds.Delegate, TaskActionKinds.AddSigner, TaskActionKinds.CarbonCopy, TaskActionKinds.Claim, TaskActionKinds.Release, TaskActionKinds.Urge })
        {
            g.MapPost($"/{{id}}/{Route(kind)}", async (string id, HttpContext http, ITaskInbox inbox) =>
            {
                var actor = await ActorAsync(http);
                var body = http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0
                    ? await RequestBody.ReadObjectAsync(http.Request, http.RequestAborted) : [];
                await inbox.ActAsync(id, ActionFrom(kind, id, body), actor, http.RequestAborted);
                return Results.Ok(new { done = true, message = Language.Pick(http, Done(kind)) });
            }).WithSummary(Summary(kind));
        }
    }

    internal static async Task<Actor> ActorAsync(HttpContext http)
    {
        var caller = await Caller.RequireAsync(http);
        return new Actor(caller.Id, caller.IsAdmin);
    }

    private static TaskAction ActionFrom(string kind, string taskId, JsonObject body)
    {
        try
        {
            return new TaskAction(kind, taskId)
            {
                Comment = body["comment"]?.GetValue<string>(),
                TargetActivityId = body["targetActivityId"]?.GetValue<string>(),
                Users = body["users"] is JsonArray users ? users.Select(u => u!.GetValue<string>()).ToList()
                    : body["user"] is JsonValue one ? [one.GetValue<string>()] : [],
                Position = body["position"]?.GetValue<string>(),
                FormChanges = body["formChanges"] as JsonObject,
                Data = body["data"] as JsonObject,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw ApprovalException.Invalid("invalid-action-body", "请求内容格式不正确：comment、targetActivityId、position 应为文本，users 应为文本数组",
                "the body is malformed: comment, targetActivityId and position are strings, users an array of strings");
        }
    }

    private static string Route(string kind) => kind switch
    {
        TaskActionKinds.AddSigner => "add-signer",
        _ => kind,
    };

    private static string Summary(string kind) => kind switch
    {
        TaskActionKinds.Approve => "Approve (同意); optional comment and formChanges for editable fields",
        TaskActionKinds.Reject => "Reject (驳回); comment required",
        TaskActionKinds.Return => "Return (退回) to an earlier step (targetActivityId) or along the step's Returned connection; comment required",
        TaskActionKinds.Transfer => "Transfer (转办) to one user",
        TaskActionKinds.Delegate => "Delegate (委派): the user acts first, then the task comes back",
        TaskActionKinds.AddSigner => "Add signers (加签) before or after oneself: { users, position: before|after }",
        TaskActionKinds.CarbonCopy => "Copy (抄送) the case to users",
        TaskActionKinds.Claim => "Claim a pool task",
        TaskActionKinds.Release => "Put a claimed pool task back in the pool",
        _ => "Urge (催办) the assignee; the initiator only, once an hour",
    };

    private static Approvals.Workflows.Definitions.LocalizedText Done(string kind) => kind switch
    {
        TaskActionKinds.Approve => new("已同意", "approved"),
        TaskActionKinds.Reject => new("已驳回", "rejected"),
        TaskActionKinds.Return => new("已退回", "returned"),
        TaskActionKinds.Transfer => new("已转办", "transferred"),
        TaskActionKinds.Delegate => new("已委派", "delegated"),
        TaskActionKinds.AddSigner => new("已加签", "signers added"),
        TaskActionKinds.CarbonCopy => new("已抄送", "copied"),
        TaskActionKinds.Claim => new("已认领", "claimed"),
        TaskActionKinds.Release => new("已退回任务池", "released"),
        _ => new("已催办", "urged"),
    };
}

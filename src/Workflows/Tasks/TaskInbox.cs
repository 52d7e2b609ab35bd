using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// <see cref="ITaskInbox"/> over the database. Actions become stimuli on the step's bookmark (so they
/// are checked and applied inside a burst, atomically); queries read the task tables directly.
/// Things a caller may not see are reported as not found, so ids cannot be probed.
/// </summary>
public sealed class TaskInbox(ApprovalsDb db, IWorkflowRuntime runtime, IWorkflowDefinitions definitions, IOrganization org, CaseAccess access,
    Activities.ActivityRegistry registry, TimeProvider clock)
    : ITaskInbox
{
    public async Task ActAsync(string taskId, TaskAction action, Actor actor, CancellationToken ct = default)
    {
        CommentLimit.Check(action.Comment);
        var task = await FindTaskAsync(taskId, ct);
        if (task is null || !await access.CanSeeTaskAsync(task, actor, ct)) throw TaskMessages.NotFound();
        if (task.Status is HumanTaskStatus.Completed or HumanTaskStatus.Cancelled)
            throw await TaskMessages.AlreadyHandledAsync(task, org, ct);
        var asAdmin = actor.IsAdmin && task.AssigneeId != actor.Id && task.DelegatedTo != actor.Id;
        try
        {
            await runtime.ResumeAsync(task.BookmarkId, (action with { TaskId = taskId, AsAdmin = asAdmin }).ToJson(), actor.Id, ct);
        }
        catch (ApprovalException e) when (e.Code is "bookmark-not-found" or "bookmark-consumed")
        {
            // The step ended between our read and the burst: someone else acted first.
            var fresh = await FindTaskAsync(taskId, ct);
            throw fresh is { Status: HumanTaskStatus.Completed or HumanTaskStatus.Cancelled } ? await TaskMessages.AlreadyHandledAsync(fresh, org, ct) : e;
        }
    }

    public async Task<WorkflowInstance> WithdrawAsync(string instanceId, Actor actor, string? reason, CancellationToken ct = default)
    {
        CommentLimit.Check(reason);
        var instance = await FindInstanceAsync(instanceId, actor, ct);
        // Someone else's request is not found, as for every object that is not the caller's.
        if (instance.Initiator != actor.Id)
            throw ApprovalException.NotFound("not-initiator", "只有申请人可以撤回申请", "only the initiator can withdraw a request");
        if (instance.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            throw ApprovalException.Conflict("instance-ended", "申请已经办结，不能撤回", "the request has already ended and cannot be withdrawn");
        return await runtime.CancelAsync(instanceId, actor.Id, reason, "Withdrawn", ct);
    }

    public async Task<int> UrgeAsync(string instanceId, Actor actor, CancellationToken ct = default)
    {
        var instance = await FindInstanceAsync(instanceId, actor, ct);
        if (instance.Initiator != actor.Id)
            throw ApprovalException.NotFound("not-initiator", "只有申请人可以催办", "only the initiator can urge");
        List<string> open;
        await using (var ctx = db.Create())
            open = await ctx.Tasks.Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open).Select(t => t.Id).ToListAsync(ct);
        if (open.Count == 0) throw ApprovalException.Conflict("nothing-to-urge", "当前没有待办任务可以催办", "there is no open task to urge");
        var urged = 0;
        ApprovalException? last = null;
        foreach (var id in open)
        {
            try { await ActAsync(id, new TaskAction(TaskActionKinds.Urge, id), actor, ct); urged++; }
            catch (ApprovalException e) when (e.Kind is ErrorKind.TooManyRequests or ErrorKind.Conflict) { last = e; }
        }
        return urged > 0 ? urged : throw last!;
    }

    public Task<Page<TaskItem>> TodoAsync(Actor actor, InboxFilter filter, CancellationToken ct = default) =>
        new InboxQueries(db, org, clock).TodoAsync(actor, filter, ct);

    public Task<Page<TaskItem>> DoneAsync(Actor actor, InboxFilter filter, CancellationToken ct = default) =>
        new InboxQueries(db, org, clock).DoneAsync(actor, filter, ct);

    public Task<Page<CcItem>> CarbonCopiesAsync(Actor actor, bool unreadOnly, int page, int pageSize, CancellationToken ct = default) =>
        new InboxQueries(db, org, clock).CarbonCopiesAsync(actor, unreadOnly, page, pageSize, ct);

    public async Task MarkCarbonCopyReadAsync(string ccId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = db.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var cc = await ctx.CarbonCopies.FirstOrDefaultAsync(c => c.Id == ccId && c.UserId == actor.Id, ct)
                 ?? throw ApprovalException.NotFound("cc-not-found", "抄送不存在", "the copy does not exist");
        cc.ReadAt ??= now;
        await ctx.SaveChangesAsync(ct);
    }

    public Task<Page<RequestItem>> MyRequestsAsync(Actor actor, InstanceStatus? status, int page, int pageSize, CancellationToken ct = default) =>
        new InboxQueries(db, org, clock).MyRequestsAsync(actor, status, page, pageSize, ct);

    public Task<InboxCounts> CountsAsync(Actor actor, CancellationToken ct = default) =>
        new InboxQueries(db, org, clock).CountsAsync(actor, ct);

    public async Task<TaskDetails> TaskAsync(string taskId, Actor actor, CancellationToken ct = default)
    {
        var task = await FindTaskAsync(taskId, ct);
        if (task is null || !await access.CanSeeTaskAsync(task, actor, ct)) throw TaskMessages.NotFound();
        var queries = new InboxQueries(db, org, clock);
        var instance = (await runtime.GetAsync(task.InstanceId, ct))!;
        var definition = await definitions.GetPublishedAsync(instance.Instance.DefinitionId, instance.Instance.DefinitionVersion, ct);
        var node = definition.FindActivity(task.ActivityId);
        var step = StepInputs.Of(registry, node);
        var permissions = step.FieldPermissions ?? [];
        var fields = definition.StartForm
            .Where(f => permissions.GetValueOrDefault(f.Key) != "hidden")
            .Select(f => new StepField(f.Key, f.Label.ZhCN, f.Label.En, f.Type.ToString().ToLowerInvariant(), instance.State.Input[f.Key]?.DeepClone(),
                permissions.GetValueOrDefault(f.Key) == "editable" && task.Status == HumanTaskStatus.Open))
            .ToList();
        var open = task.Status is HumanTaskStatus.Open;
        var allowed = !open ? [] : task.AssigneeId is null ? [TaskActionKinds.Claim] : step.AllowedActions;
        if (open && task.PoolSectionId is not null && task.AssigneeId == actor.Id) allowed = [.. allowed, TaskActionKinds.Release];
        await using var ctx = db.Create();
        var targets = open
            ? await ctx.Tasks.Where(t => t.InstanceId == task.InstanceId && t.Status == HumanTaskStatus.Completed && t.ActivityId != task.ActivityId)
                .Select(t => t.ActivityId).Distinct().ToListAsync(ct)
            : [];
        return new TaskDetails(InboxQueries.Item(task, clock), await queries.RequestAsync(instance.Instance, ct), step.Instructions,
            fields, allowed, targets, await HistoryAsync(task.InstanceId, ct), step.ResultFields ?? []);
    }

    public async Task<CaseDetails> CaseAsync(string instanceId, Actor actor, CancellationToken ct = default)
    {
        var instance = await FindInstanceAsync(instanceId, actor, ct);
        var state = InstanceState.Deserialize(instance.StateJson);
        await using var ctx = db.Create();
        var attachments = await ctx.Attachments.AsNoTracking().Where(a => a.InstanceId == instanceId).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        return new CaseDetails(await new InboxQueries(db, org, clock).RequestAsync(instance, ct), state.Input, await HistoryAsync(instanceId, ct), attachments);
    }

    public async Task<IReadOnlyList<CaseHistory>> TimelineAsync(string instanceId, Actor actor, CancellationToken ct = default)
    {
        await FindInstanceAsync(instanceId, actor, ct);
        return await HistoryAsync(instanceId, ct);
    }

    public async Task CommentAsync(string instanceId, Actor actor, string text, CancellationToken ct = default)
    {
        await FindInstanceAsync(instanceId, actor, ct);
        if (string.IsNullOrWhiteSpace(text)) throw ApprovalException.Invalid("comment-empty", "意见不能为空", "the comment is empty");
        CommentLimit.Check(text);
        await using var ctx = db.Create();
        ctx.History.Add(new CaseHistory { InstanceId = instanceId, At = clock.GetUtcNow().UtcDateTime, ActorId = actor.Id, Action = "Comment", Comment = text.Trim() });
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>The instance when the actor may see the case, else not found.</summary>
    private async Task<WorkflowInstance> FindInstanceAsync(string instanceId, Actor actor, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var instance = await ctx.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null || !await access.CanSeeCaseAsync(instance, actor, ct))
            throw ApprovalException.NotFound("case-not-found", "申请不存在或您无权查看", "the request does not exist or is not yours to see");
        return instance;
    }

    private async Task<HumanTask?> FindTaskAsync(string taskId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
    }

    private async Task<IReadOnlyList<CaseHistory>> HistoryAsync(string instanceId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id).ToListAsync(ct);
    }
}

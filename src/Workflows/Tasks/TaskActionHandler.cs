using System.Text.Json.Nodes;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// Applies one person's action to a task of the step, checking on fresh data (inside the burst) that
/// they may: the assignee, the delegate for a delegated task, a pool member for claiming, the initiator
/// for urging, or an admin (recorded as acting on the assignee's behalf).
/// </summary>
internal sealed class TaskActionHandler(StepSession step)
{
    /// <summary>At most one 催办 per task per this interval.</summary>
    public static readonly TimeSpan UrgeInterval = TimeSpan.FromHours(1);

    public async Task HandleAsync(TaskAction action, CancellationToken ct)
    {
        var actor = step.Actor ?? throw ApprovalException.Unauthenticated();
        var task = step.Tasks.Find(t => t.Id == action.TaskId)
                   ?? throw TaskMessages.NotFound();
        if (task.Status is HumanTaskStatus.Completed or HumanTaskStatus.Cancelled)
            throw await TaskMessages.AlreadyHandledAsync(task, step.Org, ct);

        if (action.Kind == TaskActionKinds.Urge) { Urge(task, actor); return; }
        if (action.Kind == TaskActionKinds.Claim) { await ClaimAsync(task, actor, ct); return; }

        var onBehalfOf = Authorize(task, actor, action);
        if (action.Kind != TaskActionKinds.Release && !step.Config.AllowedActions.Contains(action.Kind))
            throw ApprovalException.Forbidden("action-not-allowed", $"此步骤不允许“{KindZh(action.Kind)}”", $"this step does not allow '{action.Kind}'");
        if (task.Status == HumanTaskStatus.Waiting)
            throw ApprovalException.Conflict("task-waiting", "此任务正在等待加签人或前一位审批人处理", "this task is waiting for an added signer or an earlier approver");

        switch (action.Kind)
        {
            case TaskActionKinds.Approve: Approve(task, actor, action, onBehalfOf); break;
            case TaskActionKinds.Reject: Reject(task, actor, action, onBehalfOf); break;
            case TaskActionKinds.Return: await ReturnAsync(task, actor, action, onBehalfOf, ct); break;
            case TaskActionKinds.Transfer: await TransferAsync(task, actor, action, onBehalfOf, ct); break;
            case TaskActionKinds.Delegate: await DelegateAsync(task, actor, action, onBehalfOf, ct); break;
            case TaskActionKinds.AddSigner: await AddSignersAsync(task, actor, action, ct); break;
            case TaskActionKinds.CarbonCopy: await CarbonCopyAsync(task, actor, action, ct); break;
            case TaskActionKinds.Release: Release(task, actor); break;
            default: throw ApprovalException.Invalid("unknown-action", $"未知操作“{action.Kind}”", $"unknown action '{action.Kind}'");
        }
    }

    /// <summary>Who may act, and on whose behalf when it is not the assignee.</summary>
    private string? Authorize(HumanTask task, string actor, TaskAction action)
    {
        if (task.DelegatedTo is { } delegatee)
        {
            if (actor == delegatee) return null;
            if (!action.AsAdmin) throw ApprovalException.Conflict("task-delegated", "此任务已委派他人处理，请等待其处理完毕", "this task is delegated; wait for the delegate to finish");
        }
        if (task.AssigneeId is null)
            throw ApprovalException.Conflict("task-unclaimed", "这是科室任务池中的任务，请先认领", "this is a pool task: claim it first");
        if (task.AssigneeId == actor) return null;
        if (action.AsAdmin) return task.AssigneeId;
        // Someone else's task answers 404, as every object that is not the caller's.
        throw ApprovalException.NotFound("not-assignee", "您不是此任务的办理人", "you are not the assignee of this task");
    }

    private void Approve(HumanTask task, string actor, TaskAction action, string? onBehalfOf)
    {
        if (task.DelegatedTo == actor)
        {
            // 委派: the delegate has done their part; the task goes back to the assignee to finish.
            task.DelegatedTo = null;
            step.Update(task);
            step.History("DelegateResolved", task, action.Comment, from: actor, to: task.AssigneeId);
            step.Notify(task.AssigneeId!, NotificationKind.Assigned, task.Title, task.Id);
            return;
        }
        ApplyFormChanges(action);
        RecordResultData(action);
        step.Close(task, TaskOutcomes.Approved, actor, action.Comment);
        step.History("Approved", task, action.Comment, onBehalfOf: onBehalfOf);
        Advance(task, actor, action.Comment);
    }

    private void Reject(HumanTask task, string actor, TaskAction action, string? onBehalfOf)
    {
        RequireComment(action, "驳回", "a rejection");
        step.Close(task, TaskOutcomes.Rejected, actor, action.Comment);
        step.History("Rejected", task, action.Comment, onBehalfOf: onBehalfOf);
        Advance(task, actor, action.Comment);
    }

    /// <summary>After a vote: reopen what waited on it, open the next in order, and end the step when decided.</summary>
    private void Advance(HumanTask task, string actor, string? comment)
    {
        if (task.Outcome == TaskOutcomes.Approved)
        {
            foreach (var blocked in step.Tasks.Where(t => t.Id == task.BlocksTaskId && t.Status == HumanTaskStatus.Waiting).ToList())
                if (!step.Tasks.Any(t => t.BlocksTaskId == blocked.Id && t.Status is HumanTaskStatus.Open or HumanTaskStatus.Waiting))
                    Reopen(blocked);
            if (step.Config.Mode == StepModes.Sequential && task.AddedBy is null
                && step.Tasks.Where(t => t.Status == HumanTaskStatus.Waiting && t.AddedBy is null && t.BlocksTaskId is null && !IsBlocked(t))
                    .OrderBy(t => t.Sequence).FirstOrDefault() is { } next
                && !step.Tasks.Any(t => t.Status == HumanTaskStatus.Open && t.AddedBy is null))
                Reopen(next);
        }
        if (StepDecision.Decide(step.Config.Mode, step.Config.Quorum, step.Tasks) is { } outcome)
            step.Finish(outcome, actor, comment);
    }

    private bool IsBlocked(HumanTask t) => step.Tasks.Any(o => o.BlocksTaskId == t.Id && o.Status is HumanTaskStatus.Open or HumanTaskStatus.Waiting);

    private void Reopen(HumanTask task)
    {
        task.Status = HumanTaskStatus.Open;
        step.Update(task);
        step.Announce(task);
    }

    private async Task ReturnAsync(HumanTask task, string actor, TaskAction action, string? onBehalfOf, CancellationToken ct)
    {
        RequireComment(action, "退回", "a return");
        string? target = null;
        if (!string.IsNullOrEmpty(action.TargetActivityId))
        {
            var earlier = await ReturnTargetsAsync(step, ct);
            if (!earlier.Contains(action.TargetActivityId))
                throw ApprovalException.Invalid("invalid-return-target", "只能退回到本流程已经办理过的步骤", "you can only return to a step this case has already been through");
            target = action.TargetActivityId;
        }
        else if (!step.Context.Definition.ConnectionsFrom(step.Context.ActivityId, TaskOutcomes.Returned).Any())
            throw ApprovalException.Invalid("no-return-path", "此步骤没有默认退回路径，请选择要退回到的步骤", "this step has no default return path; choose a step to return to");
        step.Close(task, TaskOutcomes.Returned, actor, action.Comment);
        step.History("Returned", task, action.Comment, to: target, onBehalfOf: onBehalfOf);
        if (step.Context.Initiator is { } initiator)
            step.Notify(initiator, NotificationKind.Returned, task.Title, task.Id);
        step.Finish(TaskOutcomes.Returned, actor, action.Comment, target);
    }

    /// <summary>The earlier UserTask steps of this case that a task may be returned to.</summary>
    public static async Task<IReadOnlyList<string>> ReturnTargetsAsync(StepSession step, CancellationToken ct)
    {
        await using var db = step.Services.GetRequiredService<ApprovalsDb>().Create();
        var current = step.Context.ActivityId;
        return await db.Tasks.Where(t => t.InstanceId == step.Context.InstanceId && t.Status == HumanTaskStatus.Completed && t.ActivityId != current)
            .Select(t => t.ActivityId).Distinct().ToListAsync(ct);
    }

    private async Task TransferAsync(HumanTask task, string actor, TaskAction action, string? onBehalfOf, CancellationToken ct)
    {
        var to = await OneActiveUserAsync(action, actor, ct);
        var from = task.AssigneeId;
        task.AssigneeId = to;
        task.OnBehalfOf = null;
        // The new assignee takes the whole task: a pending 委派 ends with the hand-over, or it would stay with
        // someone the task no longer belongs to (e.g. a delegate who has left).
        task.DelegatedTo = null;
        // The new assignee gets the full time the step allows, counted from now (文不过夜 for them too).
        if (step.Services.GetRequiredService<DeadlineCalculator>().DueAt(step.Config.Deadline, step.Context) is { } due)
        {
            task.DueAt = due.UtcDateTime;
            step.ScheduleTimers(due);
        }
        step.Update(task);
        step.History("Transferred", task, action.Comment, from: from, to: to, onBehalfOf: onBehalfOf);
        step.Announce(task);
    }

    private async Task DelegateAsync(HumanTask task, string actor, TaskAction action, string? onBehalfOf, CancellationToken ct)
    {
        var to = await OneActiveUserAsync(action, actor, ct);
        task.DelegatedTo = to;
        step.Update(task);
        step.History("Delegated", task, action.Comment, from: task.AssigneeId, to: to, onBehalfOf: onBehalfOf);
        step.Notify(to, NotificationKind.Assigned, task.Title, task.Id);
    }

    private async Task AddSignersAsync(HumanTask task, string actor, TaskAction action, CancellationToken ct)
    {
        var users = await ActiveUsersAsync(action, actor, ct);
        var before = action.Position != "after";
        var sequence = step.Tasks.Max(t => t.Sequence) + 1;
        foreach (var user in users)
        {
            var added = step.AddTask(task.Title, user, null, sequence++, HumanTaskStatus.Open, task.DueAt, addedBy: actor, blocks: before ? task.Id : null);
            step.History(before ? "SignerAddedBefore" : "SignerAddedAfter", added, action.Comment, from: actor, to: user);
        }
        if (before)
        {
            task.Status = HumanTaskStatus.Waiting;
            step.Update(task);
        }
        else Approve(task, actor, action with { Comment = action.Comment }, null);
    }

    private async Task CarbonCopyAsync(HumanTask task, string actor, TaskAction action, CancellationToken ct)
    {
        foreach (var user in await ActiveUsersAsync(action, actor, ct, allowSelf: false))
        {
            step.Context.Stage(new CarbonCopy
            {
                Id = Guid.NewGuid().ToString("N"), InstanceId = task.InstanceId, UserId = user, FromUserId = actor, Title = task.Title,
                Comment = action.Comment, CreatedAt = step.Now,
            });
            step.Notify(user, NotificationKind.CarbonCopy, task.Title, null);
            step.History("CarbonCopied", task, action.Comment, from: actor, to: user);
        }
    }

    private async Task ClaimAsync(HumanTask task, string actor, CancellationToken ct)
    {
        if (task.PoolSectionId is null)
            throw ApprovalException.Conflict("not-a-pool-task", "此任务不是任务池任务", "this task is not a pool task");
        if (task.AssigneeId is { } holder)
            throw ApprovalException.Conflict("already-claimed", $"此任务已被{await step.NameOfAsync(holder, ct)}认领", $"this task was already claimed by {holder}");
        if (!(await step.Org.SectionMembersAsync(task.PoolSectionId, ct)).Contains(actor))
            throw ApprovalException.NotFound("not-in-pool", "您不在该科室，不能认领此任务", "you are not a member of this section");
        task.AssigneeId = actor;
        step.Update(task);
        step.History("Claimed", task, to: actor);
    }

    private void Release(HumanTask task, string actor)
    {
        if (task.PoolSectionId is null)
            throw ApprovalException.Conflict("not-a-pool-task", "只有任务池中的任务可以退回任务池", "only pool tasks can be released");
        task.AssigneeId = null;
        step.Update(task);
        step.History("Released", task, from: actor);
    }

    private void Urge(HumanTask task, string actor)
    {
        if (actor != step.Context.Initiator)
            throw ApprovalException.NotFound("not-initiator", "只有申请人可以催办", "only the initiator can urge");
        if (task.LastUrgedAt is { } last && step.Now - last < UrgeInterval)
        {
            var next = last + UrgeInterval;
            throw new ApprovalException(ErrorKind.TooManyRequests, "urge-too-often",
                new($"每个任务每小时只能催办一次，请在 {TaskMessages.Local(next):HH:mm} 后再试", $"a task can be urged once an hour; try again after {next:HH:mm} UTC"));
        }
        task.LastUrgedAt = step.Now;
        step.Update(task);
        step.History("Urged", task, to: task.AssigneeId);
        foreach (var user in new[] { task.DelegatedTo ?? task.AssigneeId }.OfType<string>())
            step.Notify(user, NotificationKind.Urged, task.Title, task.Id);
    }

    /// <summary>Checks and keeps what the approver filled in for the step's result fields.</summary>
    private void RecordResultData(TaskAction action)
    {
        if (step.Config.ResultFields is not { Count: > 0 } fields) return;
        var data = action.Data ?? [];
        var errors = Runtime.FormValidator.Validate(fields, data);
        if (errors.Count > 0)
            throw new ApprovalException(ErrorKind.Invalid, "invalid-result", new("请填写办理结果", "fill in the result fields")) { FieldErrors = errors };
        step.ResultData = (JsonObject)data.DeepClone();
        step.Context.SetOutput("data", data.DeepClone());
        step.History("ResultRecorded", null, data.ToJsonString());
    }

    private void ApplyFormChanges(TaskAction action)
    {
        if (action.FormChanges is null || action.FormChanges.Count == 0) return;
        var permissions = step.Config.FieldPermissions ?? [];
        foreach (var (key, value) in action.FormChanges)
        {
            if (permissions.GetValueOrDefault(key) != "editable")
                throw ApprovalException.Forbidden("field-not-editable", $"此步骤不能修改字段“{key}”", $"this step may not change the field '{key}'");
            var field = step.Context.Definition.StartForm.Find(f => f.Key == key)!;
            var errors = Runtime.FormValidator.Validate([field], new JsonObject { [key] = value?.DeepClone() });
            if (errors.Count > 0)
                throw new ApprovalException(ErrorKind.Invalid, "invalid-form", new("表单填写有误", "the form has errors")) { FieldErrors = errors };
            step.Context.Input[key] = value?.DeepClone();
        }
        step.History("FormChanged", null, string.Join(", ", action.FormChanges.Select(p => p.Key)));
    }

    private async Task<string> OneActiveUserAsync(TaskAction action, string actor, CancellationToken ct)
    {
        if (action.Users.Count != 1)
            throw ApprovalException.Invalid("one-user", "请选择一位人员", "choose exactly one person");
        return (await ActiveUsersAsync(action, actor, ct))[0];
    }

    private async Task<List<string>> ActiveUsersAsync(TaskAction action, string actor, CancellationToken ct, bool allowSelf = false)
    {
        if (action.Users.Count == 0) throw ApprovalException.Invalid("no-users", "请至少选择一位人员", "choose at least one person");
        var result = new List<string>();
        foreach (var id in action.Users.Distinct())
        {
            if (id == actor && !allowSelf) throw ApprovalException.Invalid("self", "不能选择自己", "you cannot choose yourself");
            if ((await step.Org.FindUserAsync(id, ct))?.Active != true)
                throw ApprovalException.Invalid("unknown-user", $"人员“{id}”不存在或已停用", $"user '{id}' does not exist or is inactive");
            result.Add(id);
        }
        return result;
    }

    private static void RequireComment(TaskAction action, string zh, string en)
    {
        if (string.IsNullOrWhiteSpace(action.Comment))
            throw ApprovalException.Invalid("comment-required", $"{zh}时必须填写意见", $"{en} needs a comment");
    }

    private static string KindZh(string kind) => kind switch
    {
        TaskActionKinds.Approve => "同意", TaskActionKinds.Reject => "驳回", TaskActionKinds.Return => "退回", TaskActionKinds.Transfer => "转办",
        TaskActionKinds.Delegate => "委派", TaskActionKinds.AddSigner => "加签", TaskActionKinds.CarbonCopy => "抄送", _ => kind,
    };
}

using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Common;

/// <summary>
/// 首办 (rule 2, 首办负责制): a UserTask whose first taker becomes the case owner, and which the owner
/// cannot pass on without their chief. The person who claims its pool task, or completes it, is recorded
/// as the owner when the case has none yet (timeline row <c>CaseOwnerSet</c>). While the case owner holds
/// a task of this step, 转办 does not move the task: it becomes a hand-over request, the step ends with the
/// outcome <c>HandOver</c>, and the flow takes it to a <see cref="CaseHandOver"/> step for the owner's chief.
/// </summary>
/// <remarks>
/// Use it for every step the owner holds (the first handling, and later steps sent back with the
/// <c>caseOwner</c> strategy). Connect <c>HandOver</c> to a <see cref="CaseHandOver"/> step and that
/// step's outcomes back to this one; without that connection the owner's transfer is refused.
/// Before an owner is recorded, transfer works as usual (the task has not been taken yet).
/// </remarks>
[Activity("FirstHandler", CategoryZh = "人工任务", CategoryEn = "Human tasks", NameZh = "首办", NameEn = "First handler (首办)",
    DescriptionZh = "首办负责制：第一个认领或办理本步骤的人成为本案首办责任人，后续环节回到他手上；首办责任人不能直接转办，转办即提出移交申请，须经其科长同意（连接“移交”出口到“首办移交审批”）。",
    DescriptionEn = "Whoever first takes or completes this step owns the case; later steps come back to them. The owner cannot transfer the task directly: a transfer becomes a hand-over request for their chief (connect 'HandOver' to a case hand-over step).",
    Icon = "PersonPin")]
[Outcome(HandOverOutcome, "移交", "Hand over")]
public class FirstHandler : UserTask
{
    /// <summary>The outcome taken when the owner asks to hand the case on.</summary>
    public const string HandOverOutcome = "HandOver";

    /// <inheritdoc />
    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        var action = context.Stimulus is { TimerName: null } s ? TaskAction.From(s.Payload) : null;
        if (action?.Kind is TaskActionKinds.Transfer or TaskActionKinds.Release && await OwnersTaskAsync(context, action) is { } task)
        {
            // Giving the task back to the pool would leave the case with an owner who no longer holds it.
            if (action.Kind == TaskActionKinds.Release)
                throw ApprovalException.Forbidden("case-owner-release", "您是本案的首办责任人，不能把任务退回任务池；确需他人办理的，请用转办提出移交申请，经科长同意",
                    "you own this case and cannot release it to the pool; ask for a hand-over (transfer), which your chief approves");
            await RequestHandOverAsync(context, task, action);
            return;
        }
        await base.ResumeAsync(context);
        // Claiming a pool task is taking the case.
        if (action?.Kind == TaskActionKinds.Claim && CaseOwner.Of(context) is null && context.ActingUser is { } taker)
            CaseOwner.Record(context, taker, CaseOwner.SetAction, "认领首办，成为首办责任人 / took the case and owns it", action.TaskId);
    }

    /// <inheritdoc />
    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (outcome != TaskOutcomes.Approved || CaseOwner.Of(context) is not null) return;
        // The holder of the task, not an admin who may have acted for them.
        var first = tasks.Where(t => t.Outcome == TaskOutcomes.Approved).OrderBy(t => t.CompletedAt).ThenBy(t => t.Sequence).FirstOrDefault();
        if ((first?.AssigneeId ?? first?.CompletedBy) is { } owner)
            CaseOwner.Record(context, owner, CaseOwner.SetAction, "首办本案，成为首办责任人 / handled the case first and owns it", first!.Id);
    }

    /// <summary>The open task the action concerns, when the case owner holds it.</summary>
    private static async Task<HumanTask?> OwnersTaskAsync(ActivityContext context, TaskAction action)
    {
        if (CaseOwner.Of(context) is not { } owner) return null;
        await using var db = context.Services.GetRequiredService<ApprovalsDb>().Create();
        var bookmark = context.Stimulus!.Bookmark.Id;
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == action.TaskId && t.BookmarkId == bookmark);
        return task is { Status: HumanTaskStatus.Open } && task.AssigneeId == owner ? task : null;
    }

    /// <summary>Turns the owner's 转办 into a hand-over request and ends the step with <see cref="HandOverOutcome"/>.</summary>
    private async Task RequestHandOverAsync(ActivityContext context, HumanTask task, TaskAction action)
    {
        var actor = context.ActingUser ?? throw ApprovalException.Unauthenticated();
        var owner = task.AssigneeId!;
        if (task.DelegatedTo is not null && !action.AsAdmin)
            throw ApprovalException.Conflict("task-delegated", "此任务已委派他人处理，请等待其处理完毕", "this task is delegated; wait for the delegate to finish");
        if (actor != owner && !action.AsAdmin)
            throw ApprovalException.NotFound("not-assignee", "您不是此任务的办理人", "you are not the assignee of this task");
        if (!AllowedActions.Contains(TaskActionKinds.Transfer))
            throw ApprovalException.Forbidden("action-not-allowed", "此步骤不允许“转办”", "this step does not allow 'transfer'");
        if (!context.Definition.ConnectionsFrom(context.ActivityId, HandOverOutcome).Any())
            throw ApprovalException.Forbidden("case-handover-needs-approval",
                "您是本案的首办责任人，移交他人须经科长同意；此步骤没有配置移交审批环节，不能转办",
                "you own this case: handing it to someone else needs your chief's approval, and this step has no hand-over path");
        if (action.Users.Count != 1)
            throw ApprovalException.Invalid("one-user", "请选择一位接手人员", "choose exactly one person to take the case over");
        var to = action.Users[0];
        if (to == owner)
            throw ApprovalException.Invalid("self", "不能移交给自己", "you cannot hand the case to yourself");
        if ((await context.Services.GetRequiredService<IOrganization>().FindUserAsync(to))?.Active != true)
            throw ApprovalException.Invalid("unknown-user", $"人员“{to}”不存在或已停用", $"user '{to}' does not exist or is inactive");
        if (string.IsNullOrWhiteSpace(action.Comment))
            throw ApprovalException.Invalid("comment-required", "申请移交时必须说明理由", "a hand-over request needs a reason");

        var now = context.Now.UtcDateTime;
        task.Status = HumanTaskStatus.Completed;
        task.Outcome = HandOverOutcome;
        task.CompletedAt = now;
        task.CompletedBy = actor;
        task.Comment = action.Comment;
        context.StageUpdate(task);
        new HandOverRequest(owner, to, action.Comment.Trim(), now, context.ActivityId).Save(context);
        CaseOwner.Note(context, CaseOwner.HandOverRequestedAction, action.Comment, owner, to, task.Id, actor != owner ? owner : null);
        if (ResultVariable is { Length: > 0 } v)
            context.Variables[v] = new JsonObject { ["outcome"] = HandOverOutcome, ["by"] = actor, ["comment"] = action.Comment, ["to"] = to };
        context.Complete(HandOverOutcome);
    }
}

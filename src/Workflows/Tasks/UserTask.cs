using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// 审批/办理节点: creates tasks for people found by an assignment rule and waits until the step is
/// decided by its mode (或签, 会签, quorum, 依次). Every action on its tasks (approve, reject, return,
/// transfer, delegate, add signer, CC, claim, urge) arrives as a stimulus on the step's bookmark.
/// </summary>
[Activity("UserTask", CategoryZh = "人工任务", CategoryEn = "Human tasks", NameZh = "审批/办理", NameEn = "Approval / task",
    DescriptionZh = "把任务派给办理人（指定人员、岗位、发起人的科长、分管副主任、主任、小组、科室任务池、表达式、发起人），支持或签、会签、比例通过、依次审批，以及退回、转办、委派、加签、抄送、催办。",
    DescriptionEn = "Assigns tasks (named users, a position, the initiator's chief, the responsible deputy director, the director, a group, a section pool, an expression, the initiator); any/all/quorum/sequential; return, transfer, delegate, add signer, CC, urge.",
    Icon = "AssignmentInd")]
[Outcome(TaskOutcomes.Approved, "同意", "Approved")]
[Outcome(TaskOutcomes.Rejected, "驳回", "Rejected")]
[Outcome(TaskOutcomes.Returned, "退回", "Returned")]
[Outcome(TaskOutcomes.TimedOut, "超时", "Timed out")]
public class UserTask : Activity
{
    public const string BookmarkName = "UserTask";

    [Input("办理人", "Assignees", Required = true, Editor = InputEditors.Assignment, Order = 1,
        DescriptionZh = "如 {\"strategy\": \"initiatorChief\"}", DescriptionEn = "e.g. {\"strategy\": \"initiatorChief\"}")]
    public AssignmentRule Assignment { get; set; } = new();

    [Input("多人审批方式", "Mode", Editor = InputEditors.Select, Options = ["Any", "All", "Quorum", "Sequential"], Order = 2,
        DescriptionZh = "Any 或签；All 会签；Quorum 按比例/人数；Sequential 依次", DescriptionEn = "Any; All; Quorum (count or percent); Sequential")]
    public string Mode { get; set; } = StepModes.Any;

    [Input("通过人数/比例", "Quorum", Editor = InputEditors.Json, Order = 3,
        DescriptionZh = "如 {\"percent\": 60} 或 {\"count\": 3}", DescriptionEn = "e.g. {\"percent\": 60} or {\"count\": 3}")]
    public QuorumRule? Quorum { get; set; }

    [Input("任务标题", "Title", Order = 4,
        DescriptionZh = "可用 {{ 表达式 }}，如 {{ input.reason }}", DescriptionEn = "May contain {{ expression }}, e.g. {{ input.reason }}")]
    public string? Title { get; set; }

    [Input("办理说明", "Instructions", Editor = InputEditors.Multiline, Order = 5)]
    public string? Instructions { get; set; }

    [Input("允许的操作", "Allowed actions", Editor = InputEditors.Actions, Order = 6)]
    public List<string> AllowedActions { get; set; } = [.. TaskActionKinds.Default];

    [Input("表单字段权限", "Field permissions", Editor = InputEditors.FieldPermissions, Order = 7,
        DescriptionZh = "字段 → readonly / editable / hidden（默认只读）", DescriptionEn = "field → readonly / editable / hidden (read-only by default)")]
    public Dictionary<string, string>? FieldPermissions { get; set; }

    [Input("办理期限", "Deadline", Editor = InputEditors.DeadlineRule, Order = 8)]
    public DeadlineRule? Deadline { get; set; }

    [Input("找不到办理人时", "When nobody is found", Editor = InputEditors.Select, Options = ["incident", "autoApprove", "admin"], Order = 9,
        DescriptionZh = "incident 报故障；autoApprove 自动通过；admin 交给兜底管理员", DescriptionEn = "incident; autoApprove; admin (the fallback admin)")]
    public string NoAssignee { get; set; } = "incident";

    [Input("兜底管理员", "Fallback admin", Editor = InputEditors.Users, Order = 10)]
    public string? FallbackAdmin { get; set; }

    [Input("办理人是发起人时", "When the assignee is the initiator", Editor = InputEditors.Select, Options = ["keep", "skip", "chief"], Order = 11,
        DescriptionZh = "keep 仍由本人办理；skip 自动通过；chief 交给其科长", DescriptionEn = "keep; skip (auto-approve); chief (their chief instead)")]
    public string InitiatorIsAssignee { get; set; } = "keep";

    [Input("连续审批自动通过", "Skip a repeat approver", Editor = InputEditors.Switch, Order = 12,
        DescriptionZh = "办理人刚审批过上一步时自动通过", DescriptionEn = "Auto-approve for someone who approved the previous step")]
    public bool SkipConsecutive { get; set; }

    [Input("升级规则", "Escalation ladder", Editor = InputEditors.Json, Order = 14,
        DescriptionZh = "逾期后依次通知：如 [{\"after\":\"deadline\",\"to\":\"assigneeChief\"},{\"after\":\"workingDays\",\"value\":\"1\",\"to\":\"deputyDirector\"}]",
        DescriptionEn = "Who is told when the work is late, rung by rung")]
    public List<EscalationRung>? Escalations { get; set; }

    [Input("办理结果字段", "Result fields", Editor = InputEditors.Json, Order = 15,
        DescriptionZh = "同意时办理人需填写的字段（如备案号），格式同发起表单字段", DescriptionEn = "Fields the assignee fills in when approving (e.g. a filing number), like start-form fields")]
    public List<Definitions.FormField>? ResultFields { get; set; }

    [Input("结果变量", "Result variable", Order = 13,
        DescriptionZh = "把结果 {outcome, by, comment} 存入此变量", DescriptionEn = "Store {outcome, by, comment} in this variable")]
    public string? ResultVariable { get; set; }

    /// <summary>
    /// Called when the step is decided, before the flow moves on; office activities derived from this
    /// one record what the step means (the case owner, a filing) here, inside the same transaction.
    /// </summary>
    protected internal virtual void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks) { }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var step = await StepSession.OpenAsync(this, context, CancellationToken.None);
        await new TaskAssigner(step).AssignAsync(CancellationToken.None);
    }

    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        var step = await StepSession.OpenAsync(this, context, CancellationToken.None);
        if (context.Stimulus!.TimerName is { } timer)
        {
            await step.OnTimerAsync(timer, CancellationToken.None);
            return;
        }
        var action = TaskAction.From(context.Stimulus.Payload)
                     ?? throw ApprovalException.Invalid("missing-action", "缺少要执行的操作", "no action given");
        await new TaskActionHandler(step).HandleAsync(action, CancellationToken.None);
    }
}

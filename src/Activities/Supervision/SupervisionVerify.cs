using System.Text.Json.Nodes;
using Approvals.Activities.Reports;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Supervision;

/// <summary>
/// 督查室验收 (rule 6, 不见成效不撒手): the supervision office (督查室) checks the owner's result report.
/// Approving closes the item; returning it (with a comment, required) sends it back to the owner's work
/// step through the <c>Returned</c> connection, where the escalation ladder starts over. A return may set a
/// new deadline: the action's form change of <see cref="DeadlineField"/> (<c>"formChanges": { "deadline": "2026-12-15" }</c>);
/// without one the item keeps its deadline (and, if that has passed, is still late).
/// </summary>
[Activity("SupervisionVerify", CategoryZh = "督查督办", CategoryEn = "Supervision", NameZh = "督查室验收", NameEn = "Supervision office verification",
    DescriptionZh = "督查室核验办理结果：满意则办结；不满意（不见成效不撒手）填写意见退回责任人重办，可同时改定新的办理期限，升级阶梯重新起算。",
    DescriptionEn = "The supervision office checks the result report: accept to close the item, or return it to the owner with a comment (and optionally a new deadline); the escalation ladder starts over.",
    Icon = "FactCheck")]
public class SupervisionVerify : UserTask
{
    /// <summary>The 督查室 section in the organisation.</summary>
    public const string SupervisionSection = "supervision";

    [Input("办理期限字段", "Deadline field", Order = 20,
        DescriptionZh = "退回时可改定的期限字段（发起表单中的日期字段）", DescriptionEn = "The start-form date field a return may set anew")]
    public string DeadlineField { get; set; } = "deadline";

    /// <summary>Sets the office's defaults: the 督查室 pool, two working days, accept / return / CC, the deadline editable.</summary>
    public SupervisionVerify()
    {
        Assignment = new AssignmentRule { Strategy = AssignmentStrategies.SectionPool, Section = SupervisionSection };
        Deadline = new DeadlineRule { Kind = "workingDays", Value = "2" };
        Escalations = [new EscalationRung { After = "deadline", To = "assigneeChief" }];
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Return, TaskActionKinds.CarbonCopy];
        FieldPermissions = new Dictionary<string, string> { ["deadline"] = "editable" };
    }

    /// <inheritdoc />
    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        // The generic step applies form changes only when approving; a return here may carry a new deadline.
        if (context.Stimulus is { TimerName: null } stimulus && TaskAction.From(stimulus.Payload) is { Kind: TaskActionKinds.Return, FormChanges.Count: > 0 } action)
            SetNewDeadline(context, action);
        await base.ResumeAsync(context);
    }

    /// <inheritdoc />
    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        var record = SupervisionRecord.Of(context);
        var decided = tasks.LastOrDefault(t => t.Outcome == outcome);
        var now = context.Now.UtcDateTime;
        if (outcome == TaskOutcomes.Returned)
        {
            var entry = new JsonObject
            {
                ["at"] = now, ["by"] = decided?.CompletedBy ?? context.ActingUser, ["comment"] = decided?.Comment,
                ["deadline"] = context.Input[DeadlineField]?.DeepClone(),
            };
            record.Returns.Add(entry.DeepClone());
            record.PendingReturn = entry;
            if (record.Owner is { } owner)
                Notify(context, owner, NotificationKind.Returned, $"督查室退回，请继续办理：{record.ItemTitle ?? decided?.Title}", decided?.Comment, now);
        }
        else if (outcome == TaskOutcomes.Approved)
        {
            record.Verified(now, decided?.CompletedBy ?? context.ActingUser);
            if (record.Owner is { } owner)
                Notify(context, owner, NotificationKind.Finished, $"已通过督查室验收：{record.ItemTitle ?? decided?.Title}", decided?.Comment, now);
        }
    }

    /// <summary>Checks and applies the new deadline; anything wrong refuses the whole action (nothing is saved).</summary>
    private void SetNewDeadline(ActivityContext context, TaskAction action)
    {
        foreach (var (key, _) in action.FormChanges!)
            if (key != DeadlineField)
                throw ApprovalException.Forbidden("field-not-editable", $"此步骤不能修改字段“{key}”", $"this step may not change the field '{key}'");
        var value = action.FormChanges![DeadlineField];
        if (context.Definition.StartForm.Find(f => f.Key == DeadlineField) is { } field
            && FormValidator.Validate([field], new JsonObject { [DeadlineField] = value?.DeepClone() }) is { Count: > 0 } errors)
            throw new ApprovalException(ErrorKind.Invalid, "invalid-form", new("新的办理期限填写有误", "the new deadline is not valid")) { FieldErrors = errors };
        if (value is not JsonValue v || !v.TryGetValue(out string? text) || !DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day))
            throw ApprovalException.Invalid("invalid-deadline", "新的办理期限必须是日期（yyyy-MM-dd）", "the new deadline must be a date (yyyy-MM-dd)");
        var today = OfficeTime.LocalDate(context.Now, OfficeTime.Zone(context.Services.GetService<IBusinessCalendar>()));
        if (day < today)
            throw ApprovalException.Invalid("deadline-in-past", $"新的办理期限不能早于今天（{today:yyyy-MM-dd}）", $"the new deadline cannot be before today ({today:yyyy-MM-dd})");

        var old = context.Input[DeadlineField]?.ToString();
        if (old == text) return;
        context.Input[DeadlineField] = text;
        context.Stage(new CaseHistory
        {
            InstanceId = context.InstanceId, TaskId = action.TaskId, ActivityId = context.ActivityId, At = context.Now.UtcDateTime,
            ActorId = context.ActingUser, Action = "DeadlineChanged", Comment = $"{old} → {text}",
        });
    }

    private static void Notify(ActivityContext context, string userId, NotificationKind kind, string title, string? body, DateTime now) =>
        context.Stage(new Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, Kind = kind, Title = title, Body = body, InstanceId = context.InstanceId,
            CreatedAt = now, NextAttemptAt = now,
        });
}

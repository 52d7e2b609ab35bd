using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>
/// 人事科备案 (rule 4: 由人事科负责统计每月请假情况): a task for the HR section pool. When a member files it,
/// the approved leave is recorded (<see cref="LeaveRecord"/>) and the applicant is out of office for the
/// leave with their hand-over colleague (工作交接人) as delegate, so their new tasks go to that colleague.
/// Both rows are written in the filing's own transaction.
/// </summary>
[Activity("HrLeaveFiling", CategoryZh = "请销假", CategoryEn = "Leave", NameZh = "人事科备案", NameEn = "HR leave filing",
    DescriptionZh = "人事科任务池中的备案任务：备案后记录请假（类型、起止、工作日数、交接人、备案人），并在请假期间把申请人的新待办转给工作交接人。",
    DescriptionEn = "A filing task for the HR pool: once filed, the leave is recorded (type, period, working days, hand-over, filed by) and the applicant's new tasks go to the hand-over colleague during the leave.",
    Icon = "HowToReg")]
public sealed class HrLeaveFiling : UserTask
{
    /// <summary>The HR section's id in the organisation.</summary>
    public const string HrSection = "hr";

    /// <summary>Defaults: the HR pool, 文不过夜, filing (approve) and transfer only.</summary>
    public HrLeaveFiling()
    {
        Assignment = new AssignmentRule { Strategy = AssignmentStrategies.SectionPool, Section = HrSection };
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Transfer];
        Deadline = new DeadlineRule { Kind = "endOfWorkingDay" };
    }

    /// <summary>The start-form field holding the leave type.</summary>
    [Input("请假类型字段", "Leave type field", Order = 20,
        DescriptionZh = "发起表单中请假类型的字段名", DescriptionEn = "The start-form field with the leave type")]
    public string LeaveTypeField { get; set; } = "leaveType";

    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (outcome != TaskOutcomes.Approved) return;
        var leave = LeaveCase.Require(context.Properties, nameof(HrLeaveFiling));
        var applicant = context.Initiator ?? throw new InvalidOperationException("HrLeaveFiling: the case has no initiator to record the leave for.");
        var filedBy = tasks.LastOrDefault(t => t.Outcome == TaskOutcomes.Approved)?.CompletedBy ?? context.ActingUser;
        var now = context.Now.UtcDateTime;
        var type = context.Input[LeaveTypeField] is JsonValue v && v.TryGetValue(out string? t) ? t : "";

        var record = new LeaveRecord
        {
            Id = Guid.NewGuid().ToString("N"), InstanceId = context.InstanceId, UserId = applicant, LeaveType = type,
            Start = leave.StartsAt.UtcDateTime, End = leave.EndsAt.UtcDateTime, WorkingDays = leave.WorkingDays,
            HandOverTo = leave.HandOver, RecordedBy = filedBy, RecordedAt = now,
        };
        context.Stage(record);
        leave.RecordId = record.Id;

        if (leave.HandOver is { } colleague)
        {
            var away = new OutOfOffice
            {
                Id = Guid.NewGuid().ToString("N"), UserId = applicant, From = record.Start, To = record.End, DelegateId = colleague,
                Reason = $"请假（{LeaveTypes.Label(type).ZhCN}） / leave ({LeaveTypes.Label(type).En})", SourceInstanceId = context.InstanceId,
            };
            context.Stage(away);
            leave.OutOfOfficeId = away.Id;
            // The organisation is answered from a cached snapshot: drop it once the period is committed.
            var org = context.Services.GetRequiredService<OrganizationService>();
            context.AfterCommit(_ => { org.Invalidate(); return Task.CompletedTask; });
        }
        leave.Write(context.Properties);
        context.Journal($"人事科已备案：{LeaveTypes.Label(type).ZhCN} {leave.WorkingDays} 个工作日 / filed by HR");
    }
}

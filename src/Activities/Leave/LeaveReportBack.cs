using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Leave;

/// <summary>
/// 销假 (rule 4: when the leave ends the employee reports back): the applicant's task after the leave.
/// Due by the end of the first working day after the leave (一个工作日内销假); when it is late the applicant's
/// chief is told. Done, it sets <see cref="Approvals.Workflows.Office.LeaveRecord.ReportedBackAt"/> and ends the
/// out-of-office period if it still runs.
/// </summary>
/// <remarks>
/// Create it when the leave is over (after <see cref="LeaveAwaitReturn"/>): a task created while the
/// applicant is still out of office would go to their hand-over colleague.
/// </remarks>
[Activity("LeaveReportBack", CategoryZh = "请销假", CategoryEn = "Leave", NameZh = "销假", NameEn = "Report back from leave",
    DescriptionZh = "请假结束后由申请人销假：期限为休假结束后一个工作日内，逾期提醒其科长；销假后记录销假时间并结束外出代理。",
    DescriptionEn = "The applicant reports back after the leave: due within one working day of its end, the chief is told when late; records the time and ends the out-of-office period.",
    Icon = "AssignmentReturn")]
public sealed class LeaveReportBack : UserTask
{
    /// <summary>
    /// The default deadline's cut-off: a leave that ends before noon is reported back by that day's end,
    /// one that ends later (or on a non-working day) by the end of the next working day.
    /// </summary>
    public const string CutOff = "12:00";

    private LeaveReturn? _rows;

    /// <summary>Defaults: the initiator; due by the end of the first working day after the leave (cut-off <see cref="CutOff"/>); late → their chief.</summary>
    public LeaveReportBack()
    {
        Assignment = new AssignmentRule { Strategy = AssignmentStrategies.Initiator };
        AllowedActions = [TaskActionKinds.Approve];
        // Created when the leave ends (00:00 after its last day, or its end time): due by the end of the first
        // working day back; a leave ending in the afternoon leaves no real time that day, so it rolls over.
        Deadline = new DeadlineRule { Kind = "endOfWorkingDay", Value = CutOff, RemindBefore = "PT2H" };
        Escalations = [new EscalationRung { After = "deadline", To = "initiatorChief" }];
    }

    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        // OnFinished runs synchronously inside the burst: read the rows it updates first.
        if (context.Stimulus?.TimerName is null) _rows = await LeaveReturn.LoadAsync(context);
        await base.ResumeAsync(context);
    }

    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (outcome != TaskOutcomes.Approved || _rows is null) return;
        _rows.Apply(context, context.Now.UtcDateTime);
    }
}

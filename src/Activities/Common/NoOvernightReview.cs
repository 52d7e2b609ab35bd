using System.Globalization;
using System.Xml;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks;

namespace Approvals.Activities.Common;

/// <summary>
/// 文不过夜审批 (rule 1, 文不过夜，事不隔天): a UserTask due by the end of the working day it is received
/// (17:30); work received at or after the cut-off (default 16:30) is due at the end of the next working
/// day. The assignee is reminded before the deadline (default one hour); open work escalates at the
/// deadline to the assignee's chief and one working day later to the responsible deputy director.
/// </summary>
/// <remarks>
/// Deadline, reminder and escalations are the engine's durable timers, computed with the working-day
/// calendar. A transfer (转办) recomputes them from the moment of the transfer (the engine does that);
/// a return (退回) runs the step again, which computes them afresh.
/// <see cref="CutOff"/> and <see cref="RemindBefore"/> shape the default deadline: they fill in what
/// the step's <c>deadline</c> does not say itself (its <c>value</c> for <c>endOfWorkingDay</c>, its
/// <c>remindBefore</c>), so a flow can keep the default and change only the cut-off.
/// </remarks>
[Activity("NoOvernightReview", CategoryZh = "人工任务", CategoryEn = "Human tasks", NameZh = "文不过夜审批", NameEn = "Same-day review (文不过夜)",
    DescriptionZh = "文不过夜、事不隔天：当天收到的件当天下班（17:30）前办结；截止时点（默认16:30）后收到的，下一个工作日下班前办结。到期前提醒办理人，逾期即告知其科长，再过一个工作日告知分管副主任。转办、退回后重新计时。",
    DescriptionEn = "Due by the end of the working day it arrives (17:30); after the cut-off (default 16:30) by the end of the next working day. Reminder before the deadline; overdue work goes to the assignee's chief, one working day later to the responsible deputy director. Recomputed on transfer and return.",
    Icon = "Bedtime")]
public class NoOvernightReview : UserTask
{
    /// <summary>Work received at or after this local time is due at the end of the next working day.</summary>
    /// <remarks>
    /// 16:30 leaves at least one working hour (until 17:30) for anything that is due the same day, and
    /// is when the default reminder fires: an item arriving later would be reminded as it arrives.
    /// </remarks>
    public const string DefaultCutOff = "16:30";

    /// <summary>The reminder comes one hour before the deadline (calendar time; deadlines are at 17:30, so it is 16:30 of a working day).</summary>
    public const string DefaultRemindBefore = "PT1H";

    /// <summary>The 文不过夜 defaults: end of the working day, chief at the deadline, deputy director one working day later.</summary>
    public NoOvernightReview()
    {
        Deadline = new DeadlineRule { Kind = "endOfWorkingDay" };
        Escalations =
        [
            new EscalationRung { After = "deadline", To = "assigneeChief" },
            new EscalationRung { After = "workingDays", Value = "1", To = "deputyDirector" },
        ];
    }

    /// <summary>Cut-off time "HH:mm" (office time); empty for none (everything received before 17:30 is due that day).</summary>
    [Input("截止时点", "Cut-off", Order = 16,
        DescriptionZh = "此时点（HH:mm）及以后收到的，期限顺延到下一个工作日下班前；留空则不设截止时点。默认 16:30",
        DescriptionEn = "Work received at or after this time (HH:mm) is due at the end of the next working day; empty for none. Default 16:30")]
    public string CutOff { get; set; } = DefaultCutOff;

    /// <summary>How long before the deadline the assignee is reminded (ISO 8601 duration); empty for no reminder.</summary>
    [Input("提前提醒", "Remind before", Editor = InputEditors.Duration, Order = 17,
        DescriptionZh = "到期前多久提醒办理人（ISO 8601，如 PT1H）；留空不提醒。默认 PT1H",
        DescriptionEn = "How long before the deadline the assignee is reminded (ISO 8601, e.g. PT1H); empty for none. Default PT1H")]
    public string RemindBefore { get; set; } = DefaultRemindBefore;

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        ApplyDefaults();
        return base.ExecuteAsync(context);
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityContext context)
    {
        // A transfer recomputes the deadline from this step's configuration: it must be the same one.
        ApplyDefaults();
        return base.ResumeAsync(context);
    }

    /// <summary>Fills the cut-off and reminder into the deadline where the deadline does not set them itself.</summary>
    protected void ApplyDefaults()
    {
        if (Deadline is null) return;
        if (Deadline.Kind == "endOfWorkingDay" && string.IsNullOrEmpty(Deadline.Value) && !string.IsNullOrWhiteSpace(CutOff))
        {
            if (!TimeOnly.TryParseExact(CutOff.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new InvalidOperationException($"The cut-off '{CutOff}' is not a time of day in the form HH:mm.");
            Deadline.Value = CutOff.Trim();
        }
        if (string.IsNullOrEmpty(Deadline.RemindBefore) && !string.IsNullOrWhiteSpace(RemindBefore))
        {
            try { _ = XmlConvert.ToTimeSpan(RemindBefore.Trim()); }
            catch (FormatException e) { throw new InvalidOperationException($"The reminder '{RemindBefore}' is not an ISO 8601 duration such as PT1H.", e); }
            Deadline.RemindBefore = RemindBefore.Trim();
        }
    }
}

using System.Globalization;
using Approvals.Activities.Reports;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Supervision;

/// <summary>
/// 进展报告周期: waits, on a durable timer, until the next progress-report slot of the item (see
/// <see cref="RhythmSchedule"/>). In the supervision flow it sits in a loop beside the owner's work:
/// rhythm → 进展报告 task → rhythm…; the flow's End closes the loop when the item is done.
/// </summary>
[Activity("ProgressRhythm", CategoryZh = "督查督办", CategoryEn = "Supervision", NameZh = "进展报告周期", NameEn = "Progress-report rhythm",
    DescriptionZh = "按报告周期（每周、每两周、每月，或 ISO 时长如 P7D）等到下一个报告日（从立项之日起算，遇节假日顺延到下一个工作日）再继续。",
    DescriptionEn = "Waits until the next report day of the rhythm (weekly, biweekly, monthly or an ISO duration such as P7D), counted from the day the item started and moved past weekends and holidays.",
    Icon = "EventRepeat")]
[Outcome(Outcomes.Done, "到期", "Due")]
public sealed class ProgressRhythm : Activity
{
    [Input("报告周期", "Rhythm", Required = true, Order = 1,
        DescriptionZh = "weekly 每周；biweekly 每两周；monthly 每月；或 ISO 8601 时长（整天），如 P7D；可用表达式 input.rhythm",
        DescriptionEn = "weekly, biweekly, monthly, or an ISO 8601 duration of whole days such as P7D; may be input.rhythm")]
    public string Rhythm { get; set; } = RhythmSchedule.Weekly;

    [Input("报告时刻", "Time of day", Order = 2,
        DescriptionZh = "报告日的这个时刻（HH:mm，北京时间）生成进展报告任务", DescriptionEn = "The report task appears at this office-local time (HH:mm)")]
    public string TimeOfDay { get; set; } = "09:00";

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (!TimeOnly.TryParseExact(TimeOfDay, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw new InvalidOperationException($"Time of day '{TimeOfDay}' is not HH:mm.");
        var calendar = context.Services.GetService<IBusinessCalendar>();
        var anchor = new DateTimeOffset(DateTime.SpecifyKind(context.Instance.CreatedAt, DateTimeKind.Utc));
        var due = RhythmSchedule.Next(anchor, context.Now, Rhythm, time, calendar, OfficeTime.Zone(calendar));
        context.SetOutput("dueAt", due.UtcDateTime);
        context.CreateTimer(context.CreateBookmark("ProgressRhythm"), "due", due);
        return ValueTask.CompletedTask;
    }
}

using System.Text.Json.Nodes;
using Approvals.Activities.Reports;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Supervision;

/// <summary>
/// 督查升级阶梯 (rule 6, 一督到底，盯住不放): the owner's work on a supervision item, ending with their result
/// report. The deadline is the form's deadline field (end of that working day); a reminder comes the morning
/// of the deadline; then the ladder: at the deadline the owner's section chief is told, one working day
/// later the responsible deputy director, three working days later the director, and the case is marked
/// for the monthly overdue report (通报). All of it runs on the engine's durable timers.
/// </summary>
/// <remarks>
/// When the report rung finds the work still open, the activity also follows its
/// <see cref="ReportedOverdue"/> connections while the step stays open (a side exit, e.g. to a
/// <see cref="WeComReport"/> posting to the office group) and publishes <c>outputs.&lt;id&gt;.overdue</c>
/// (owner, section, deadline, working days late, with names) for that message. After 督查室 returns the
/// item the step runs again: its title says so and the ladder starts over from the (possibly new) deadline.
/// </remarks>
[Activity("SupervisionLadder", CategoryZh = "督查督办", CategoryEn = "Supervision", NameZh = "督办件办理（升级阶梯）", NameEn = "Supervision item (escalation ladder)",
    DescriptionZh = "责任人办理督办件并提交办理结果。期限取自表单；到期当天上午提醒；逾期即告知科长，逾期一个工作日告知分管副主任，三个工作日告知主任并列入月度逾期通报（一督到底）。被督查室退回后重新起算。",
    DescriptionEn = "The owner works on a supervision item and submits the result. Deadline from the form; a reminder on the deadline morning; when late the section chief is told, one working day later the responsible deputy director, three working days later the director, and the item goes on the monthly overdue report. Starts over when the supervision office sends it back.",
    Icon = "Gavel")]
[Outcome(ReportedOverdue, "列入逾期通报", "Reported overdue")]
public class SupervisionLadder : UserTask
{
    /// <summary>The side exit followed (without ending the step) when the item is put on the overdue report.</summary>
    public const string ReportedOverdue = "ReportedOverdue";

    /// <summary>The case-history action recorded for each open task when the report rung fires.</summary>
    public const string ReportedOverdueAction = "ReportedOverdue";

    /// <summary>Sets the office's defaults: owner else section chief, form deadline, the three-rung ladder, the result report fields.</summary>
    public SupervisionLadder()
    {
        Assignment = new AssignmentRule { Strategy = SupervisionOwnerStrategy.StrategyName, Expression = new JsExpression("input.owner"), Section = "input.section" };
        Deadline = new DeadlineRule { Kind = "field", Value = "deadline", RemindBefore = "PT8H" };
        Escalations = DefaultLadder();
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Delegate, TaskActionKinds.CarbonCopy];
        ResultFields = DefaultResultFields();
    }

    /// <summary>Chief at the deadline → deputy director one working day later → director and the overdue report after three.</summary>
    public static List<EscalationRung> DefaultLadder() =>
    [
        new() { After = "deadline", To = "assigneeChief" },
        new() { After = "workingDays", Value = "1", To = "deputyDirector" },
        new() { After = "workingDays", Value = "3", To = "director", Report = true },
    ];

    /// <summary>The result report (办理结果) the owner submits to finish the step.</summary>
    public static List<FormField> DefaultResultFields() =>
    [
        new() { Key = "result", Label = new("办理结果", "Result"), Type = FormFieldType.Multiline, Required = true, Max = "5000" },
        new() { Key = "evidence", Label = new("佐证材料", "Supporting documents"), Type = FormFieldType.File },
    ];

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var record = SupervisionRecord.Of(context);
        if (Deadline is { Kind: "field", Value: { } field } && record.OriginalDeadline is null)
            record.OriginalDeadline = context.Input[field]?.ToString();
        if (record.PendingReturn is not null)
        {
            var title = string.IsNullOrWhiteSpace(Title) ? $"{context.Definition.Name.ZhCN} · {context.Node.DisplayName?.ZhCN ?? context.ActivityId}" : Title;
            Title = "【退回重办】" + title;
        }
        await base.ExecuteAsync(context);
    }

    /// <inheritdoc />
    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        await base.ResumeAsync(context);
        if (context.Stimulus?.TimerName is { } timer && timer.StartsWith("escalate-", StringComparison.Ordinal)
            && int.TryParse(timer.AsSpan(9), out var n) && n < (Escalations?.Count ?? 0) && Escalations![n].Report)
            await ReportAsync(context);
    }

    /// <summary>The owner of record is whoever the task was for (not a stand-in); the first one stays (首办负责制).</summary>
    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (outcome != TaskOutcomes.Approved) return;
        var record = SupervisionRecord.Of(context);
        var done = tasks.FirstOrDefault(t => t.Outcome == TaskOutcomes.Approved && t.AddedBy is null);
        record.Owner ??= done is null ? context.ActingUser : done.OnBehalfOf ?? done.AssigneeId ?? done.CompletedBy;
        record.ItemTitle ??= done?.Title;
        record.Rounds++;
        record.PendingReturn = null;
    }

    /// <summary>The report rung found the work still open: record it per task, publish the facts, follow the side exit.</summary>
    private static async Task ReportAsync(ActivityContext context)
    {
        var bookmark = context.Stimulus!.Bookmark;
        List<HumanTask> open;
        await using (var db = context.Services.GetRequiredService<ApprovalsDb>().Create())
            open = await db.Tasks.AsNoTracking().Where(t => t.BookmarkId == bookmark.Id && t.Status == HumanTaskStatus.Open).ToListAsync();
        if (open.Count == 0) return;

        var now = context.Now.UtcDateTime;
        var record = SupervisionRecord.Of(context);
        record.ReportedOverdueAt ??= now;
        foreach (var task in open)
            context.Stage(new CaseHistory
            {
                InstanceId = context.InstanceId, TaskId = task.Id, ActivityId = context.ActivityId, At = now, Action = ReportedOverdueAction,
                ToUserId = task.AssigneeId, Comment = "逾期三个工作日，已报主任并列入月度逾期通报 / three working days late: the director is told and the item goes on the monthly overdue report",
            });

        context.SetOutput("overdue", await FactsAsync(context, open[0]));
        foreach (var c in context.Definition.ConnectionsFrom(context.ActivityId, ReportedOverdue))
            context.JumpTo(c.Target);
    }

    /// <summary>What a group message about the late item needs, names included (expressions cannot look them up).</summary>
    private static async Task<JsonObject> FactsAsync(ActivityContext context, HumanTask task)
    {
        var org = context.Services.GetRequiredService<IOrganization>();
        var calendar = context.Services.GetService<IBusinessCalendar>();
        var zone = OfficeTime.Zone(calendar);
        var owner = task.AssigneeId is null ? null : await org.FindUserAsync(task.AssigneeId);
        var section = owner is null ? null : (await org.SectionsAsync()).FirstOrDefault(s => s.Id == owner.SectionId);
        var director = await org.DirectorAsync();
        var due = task.DueAt is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : (DateTimeOffset?)null;
        var late = due is null ? 0 : OfficeTime.WorkingDaysBetween(OfficeTime.LocalDate(due.Value, zone).AddDays(1), OfficeTime.LocalDate(context.Now, zone), calendar);
        return new JsonObject
        {
            ["taskId"] = task.Id,
            ["title"] = task.Title,
            ["owner"] = task.AssigneeId,
            ["ownerName"] = owner?.Name ?? task.AssigneeId,
            ["section"] = section?.Id,
            ["sectionName"] = section?.NameZh,
            ["deadline"] = due is null ? null : OfficeTime.LocalDate(due.Value, zone).ToString("yyyy-MM-dd"),
            ["workingDaysLate"] = late,
            ["director"] = director,
            ["directorName"] = director is null ? null : (await org.FindUserAsync(director))?.Name,
        };
    }
}

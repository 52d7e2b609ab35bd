using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>
/// 事前请假检查 (rule 4: 所有人员一律要在事前请假). Runs in the burst that submits (or resubmits) the leave form,
/// so what it refuses is never saved: a start in the past, an end before the start, a period without a
/// working day, a hand-over colleague who is the applicant or not an active member. Counts the leave in
/// working days by the office calendar, stores the count, and routes by the approval thresholds.
/// </summary>
/// <remarks>
/// "In the past": a <c>date</c> start before today (Asia/Shanghai) is refused; today itself is allowed (a
/// whole-day leave asked for on the morning it begins, e.g. when falling ill). A <c>datetime</c> start is
/// refused when it is before the current minute.
/// </remarks>
[Activity("LeaveAdvanceCheck", CategoryZh = "请销假", CategoryEn = "Leave", NameZh = "事前请假检查", NameEn = "Leave advance check",
    DescriptionZh = "检查请假是否事前申请（开始时间已过则拒绝提交）、结束不早于开始，按工作日历计算请假工作日数（半天为单位），并按审批权限分流：科长、分管副主任、主任。",
    DescriptionEn = "Refuses a leave whose start is past or whose end is before its start, counts its working days by the office calendar (in half days) and routes by the approval thresholds: chief, deputy director, director.",
    Icon = "EventAvailable")]
[Outcome(Routes.Chief, "科长审批", "Chief")]
[Outcome(Routes.Deputy, "分管副主任审批", "Deputy director")]
[Outcome(Routes.Director, "主任审批", "Director")]
public sealed class LeaveAdvanceCheck : Activity
{
    /// <summary>The outcome names.</summary>
    public static class Routes
    {
        /// <summary>Up to <see cref="ChiefMaxDays"/>: the section chief decides.</summary>
        public const string Chief = "Chief";
        /// <summary>Up to <see cref="DeputyMaxDays"/>: also the responsible deputy director.</summary>
        public const string Deputy = "Deputy";
        /// <summary>Longer: also the director.</summary>
        public const string Director = "Director";
    }

    /// <summary>The start-form field holding the first day (a <c>date</c>) or the start time (a <c>datetime</c>).</summary>
    [Input("开始字段", "Start field", Required = true, Order = 1,
        DescriptionZh = "发起表单中请假开始的字段名（日期或日期时间）", DescriptionEn = "The start-form field with the start (date or datetime)")]
    public string StartField { get; set; } = "start";

    /// <summary>The start-form field holding the last day (a <c>date</c>) or the end time (a <c>datetime</c>).</summary>
    [Input("结束字段", "End field", Required = true, Order = 2,
        DescriptionZh = "发起表单中请假结束的字段名（日期为最后一天，含当天）", DescriptionEn = "The start-form field with the end (a date is the last day, included)")]
    public string EndField { get; set; } = "end";

    /// <summary>The start-form field holding the hand-over colleague (工作交接人); empty for none.</summary>
    [Input("交接人字段", "Hand-over field", Order = 3,
        DescriptionZh = "发起表单中工作交接人的字段名；请假期间其待办转给此人", DescriptionEn = "The start-form field with the hand-over colleague, who receives the person's tasks during the leave")]
    public string? HandOverField { get; set; } = "handOver";

    /// <summary>Leave up to this many working days needs only the chief.</summary>
    [Input("科长审批上限（工作日）", "Chief approves up to (working days)", Editor = InputEditors.Number, Order = 4,
        DescriptionZh = "不超过此天数只需科长审批", DescriptionEn = "Up to this many working days only the chief approves")]
    public decimal ChiefMaxDays { get; set; } = 1;

    /// <summary>Leave up to this many working days needs the chief and the deputy director; longer also the director.</summary>
    [Input("分管副主任审批上限（工作日）", "Deputy director approves up to (working days)", Editor = InputEditors.Number, Order = 5,
        DescriptionZh = "不超过此天数由科长、分管副主任审批；更长的还需主任审批", DescriptionEn = "Up to this many working days the chief and deputy director approve; longer also the director")]
    public decimal DeputyMaxDays { get; set; } = 3;

    /// <summary>The variable that receives the working-day count.</summary>
    [Input("天数变量", "Days variable", Order = 6,
        DescriptionZh = "把请假工作日数存入此变量", DescriptionEn = "Store the number of working days in this variable")]
    public string? DaysVariable { get; set; } = "leaveDays";

    /// <summary>The leave's length in working days (also <c>outputs.&lt;id&gt;.workingDays</c>).</summary>
    [Output("请假工作日数", "Working days")]
    public decimal WorkingDays { get; set; }

    /// <summary>The route taken: Chief, Deputy or Director.</summary>
    [Output("审批路径", "Route")]
    public string? Route { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        if (DeputyMaxDays < ChiefMaxDays)
            throw new InvalidOperationException($"LeaveAdvanceCheck: deputyMaxDays ({DeputyMaxDays}) must not be below chiefMaxDays ({ChiefMaxDays}).");
        var counter = new LeaveDayCounter(context.Services.GetRequiredService<IBusinessCalendar>());
        var period = LeavePeriod.Read(context.Input, context.Definition, StartField, EndField, counter);
        var now = context.Now;

        RefuseIfPast(period, counter, now);
        if (period.EndsAt <= period.StartsAt)
            throw ApprovalException.Invalid("leave-end-before-start",
                $"请假结束（{period.EndText}）不能早于开始（{period.StartText}）",
                $"the leave must end ({period.EndText}) after it starts ({period.StartText})");
        if (period.EndsAt - period.StartsAt > TimeSpan.FromDays(366))
            throw ApprovalException.Invalid("leave-too-long", "一次请假不能超过一年，请分段申请", "a single leave cannot be longer than a year; request it in parts");

        WorkingDays = counter.WorkingDays(period.StartsAt, period.EndsAt);
        if (WorkingDays == 0)
            throw ApprovalException.Invalid("leave-no-working-day",
                $"{Show(period.StartDate)} 至 {Show(period.LastDate)} 没有工作日，无需请假",
                $"{Show(period.StartDate)} to {Show(period.LastDate)} has no working day; no leave is needed");

        var handOver = await CheckHandOverAsync(context);
        Route = WorkingDays <= ChiefMaxDays ? Routes.Chief : WorkingDays <= DeputyMaxDays ? Routes.Deputy : Routes.Director;

        if (!string.IsNullOrWhiteSpace(DaysVariable)) context.Variables[DaysVariable] = WorkingDays;
        context.SetOutput("workingDays", WorkingDays);
        context.SetOutput("route", Route);
        context.SetOutput("startsAt", period.StartsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        context.SetOutput("endsAt", period.EndsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        new LeaveCase { StartsAt = period.StartsAt, EndsAt = period.EndsAt, WorkingDays = WorkingDays, Route = Route, HandOver = handOver }
            .Write(context.Properties);
        context.Journal($"请假 {WorkingDays} 个工作日，{RouteZh(Route)} / {WorkingDays} working days, route {Route}");
        context.Complete(Route);
    }

    private static void RefuseIfPast(LeavePeriod period, LeaveDayCounter counter, DateTimeOffset now)
    {
        var today = counter.Today(now);
        if (period.StartIsDate && period.StartDate < today)
            throw ApprovalException.Invalid("leave-start-past",
                $"请假须事前申请：开始日期 {Show(period.StartDate)} 已过（今天是 {Show(today)}），不能事后补请",
                $"leave must be requested in advance: the start date {Show(period.StartDate)} has passed (today is {Show(today)})");
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (!period.StartIsDate && period.StartsAt < minute)
        {
            var start = counter.Local(period.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var current = counter.Local(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            throw ApprovalException.Invalid("leave-start-past",
                $"请假须事前申请：开始时间 {start} 已过（现在是 {current}），不能事后补请",
                $"leave must be requested in advance: the start {start} has passed (it is now {current})");
        }
    }

    private async Task<string?> CheckHandOverAsync(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(HandOverField)) return null;
        var id = context.Input[HandOverField] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        if (id is null) return null;
        if (id == context.Initiator)
            throw ApprovalException.Invalid("leave-handover-self", "工作交接人不能是本人", "the hand-over colleague cannot be yourself");
        var user = await context.Services.GetRequiredService<IOrganization>().FindUserAsync(id);
        if (user is not { Active: true })
            throw ApprovalException.Invalid("leave-handover-unknown", $"工作交接人“{id}”不存在或已停用", $"the hand-over colleague '{id}' does not exist or is not active");
        return id;
    }

    private static string Show(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The route in Chinese, for the journal.</summary>
    public static string RouteZh(string route) => route switch
    {
        Routes.Chief => "科长审批",
        Routes.Deputy => "科长、分管副主任审批",
        _ => "科长、分管副主任、主任审批",
    };
}

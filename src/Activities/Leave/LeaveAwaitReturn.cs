using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Activities.Primitives;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>
/// 等待休假结束: waits, on a durable timer, until the leave ends (outcome <c>Ended</c>, then the 销假 step);
/// meanwhile the applicant may report back early (outcome <c>ReportedBack</c>): the leave record notes it and
/// their out-of-office period is cut short at that moment. An early return is the signal
/// <see cref="Signal"/> with the case id as correlation key (<c>POST /api/signals</c>, or
/// <c>POST /api/leave/{id}/report-back</c>), sent by the applicant or an admin.
/// </summary>
[Activity("LeaveAwaitReturn", CategoryZh = "请销假", CategoryEn = "Leave", NameZh = "等待休假结束", NameEn = "Wait for the leave to end",
    DescriptionZh = "等到请假结束（持久化定时器）后进入销假；请假期间申请人可提前销假，外出代理随即结束。",
    DescriptionEn = "Waits until the leave ends (a durable timer), then goes on to reporting back; the applicant may report back early, which ends their out-of-office period at once.",
    Icon = "HourglassBottom")]
[Outcome(Ended, "休假结束", "Leave ended")]
[Outcome(ReportedBack, "提前销假", "Reported back early")]
public sealed class LeaveAwaitReturn : Activity
{
    /// <summary>The leave is over: the applicant now reports back.</summary>
    public const string Ended = "Ended";
    /// <summary>The applicant reported back before the end.</summary>
    public const string ReportedBack = "ReportedBack";
    /// <summary>The signal name of an early report-back (correlation key: the case id).</summary>
    public const string Signal = "leave-report-back";

    /// <summary>
    /// 404 for someone else's leave on 销假, worded as for one that does not exist: a leave that is not the caller's is
    /// not found, as every object that is not theirs.
    /// </summary>
    public static ApprovalException NotFound() =>
        ApprovalException.NotFound("leave-not-found", "请假申请不存在或不是您本人的", "the leave request does not exist or is not yours");

    /// <summary>When to stop waiting; by default the end of the leave the check recorded.</summary>
    [Input("直到", "Until", Editor = InputEditors.DateTime, Order = 1,
        DescriptionZh = "默认为请假结束时间（由事前请假检查记录）", DescriptionEn = "By default the end of the leave (recorded by the leave advance check)")]
    public DateTimeOffset? Until { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var due = Until ?? LeaveCase.Require(context.Properties, nameof(LeaveAwaitReturn)).EndsAt;
        if (due <= context.Now)
        {
            context.Complete(Ended);
            return ValueTask.CompletedTask;
        }
        var bookmark = context.CreateBookmark(WaitForSignal.BookmarkPrefix + Signal, context.InstanceId);
        context.CreateTimer(bookmark, "leaveEnd", due);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask ResumeAsync(ActivityContext context)
    {
        if (context.Stimulus?.TimerName is not null)
        {
            context.Complete(Ended);
            return;
        }
        var actor = context.ActingUser ?? throw ApprovalException.Unauthenticated();
        if (actor != context.Initiator
            && (await context.Services.GetRequiredService<IOrganization>().FindUserAsync(actor))?.IsAdmin != true)
            // Not reachable over HTTP by anyone else: /api/signals is for admins, and POST /api/leave/{id}/report-back answers 404 first.
            throw ApprovalException.Forbidden("leave-not-applicant", "只有请假人本人可以销假", "only the person on leave can report back");
        (await LeaveReturn.LoadAsync(context)).Apply(context, context.Now.UtcDateTime);
        context.Complete(ReportedBack);
    }
}

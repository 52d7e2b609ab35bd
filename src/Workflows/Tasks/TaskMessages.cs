using Approvals.Workflows.Organization;

namespace Approvals.Workflows.Tasks;

/// <summary>Messages about tasks that more than one place gives, worded once.</summary>
public static class TaskMessages
{
    private static readonly TimeZoneInfo Office = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Office time (Asia/Shanghai) for messages.</summary>
    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Office);

    /// <summary>409 for acting on a closed task: "该任务已由张三于 10:05 处理".</summary>
    public static async Task<ApprovalException> AlreadyHandledAsync(HumanTask task, IOrganization org, CancellationToken ct)
    {
        var name = task.CompletedBy is null ? "系统" : (await org.FindUserAsync(task.CompletedBy, ct))?.Name ?? task.CompletedBy;
        var at = task.CompletedAt is { } t ? Local(t) : default;
        return task.Status == HumanTaskStatus.Cancelled
            ? ApprovalException.Conflict("task-closed", $"该任务已于 {at:MM-dd HH:mm} 关闭（{task.Outcome}）", $"this task was closed at {at:MM-dd HH:mm} ({task.Outcome})")
            : ApprovalException.Conflict("task-done", $"该任务已由{name}于 {at:HH:mm} 处理", $"this task was already handled by {task.CompletedBy} at {at:HH:mm}");
    }

    public static ApprovalException NotFound() => ApprovalException.NotFound("task-not-found", "任务不存在或您无权查看", "the task does not exist or is not yours to see");
}

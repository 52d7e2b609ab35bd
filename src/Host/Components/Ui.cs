using System.Globalization;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Tasks;

namespace Approvals.Host.Components;

/// <summary>
/// The UI's two languages. Chinese is the default; English is chosen with the language switch, which
/// sets the culture cookie that request localization reads. Texts are written where they are used,
/// both languages side by side, so no key can go missing.
/// </summary>
public static class Ui
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string HtmlLang => English ? "en" : "zh-CN";

    public static string T(string zh, string en) => English ? en : zh;

    public static string T(LocalizedText text) => text.In(English ? "en" : "zh-CN");

    /// <summary>Office time (Asia/Shanghai) as people read it.</summary>
    public static string Time(DateTime? utc) => utc is { } t ? TaskMessages.Local(t).ToString("yyyy-MM-dd HH:mm") : "—";

    /// <summary>A short number people can read out: the start date and the first characters of the id.</summary>
    public static string RequestNo(string instanceId, DateTime createdAt) =>
        $"SQ{TaskMessages.Local(createdAt):yyyyMMdd}-{instanceId[..6].ToUpperInvariant()}";

    public static string Status(Approvals.Workflows.Runtime.InstanceStatus status, string? result) => (status, result) switch
    {
        (_, "Withdrawn") => T("已撤回", "Withdrawn"),
        (_, "Approved") => T("已通过", "Approved"),
        (_, "Rejected") => T("已驳回", "Rejected"),
        (_, "Issued") => T("已印发", "Issued"),
        (Approvals.Workflows.Runtime.InstanceStatus.Suspended or Approvals.Workflows.Runtime.InstanceStatus.Running, _) => T("审批中", "In progress"),
        (Approvals.Workflows.Runtime.InstanceStatus.Faulted, _) => T("异常，待管理员处理", "Needs an administrator"),
        (Approvals.Workflows.Runtime.InstanceStatus.Cancelled, _) => T("已取消", "Cancelled"),
        (Approvals.Workflows.Runtime.InstanceStatus.Finished, { } r) => r,
        _ => T("已办结", "Finished"),
    };

    /// <summary>
    /// What a person is told when an action's call failed: the service's own message, the storage fault as it is (disk full,
    /// database busy…), or that the server failed and it was logged. Never silence and never a frozen button.
    /// </summary>
    public static string Failure(Exception error, ILogger log)
    {
        if (error is Approvals.Workflows.ApprovalException approval) return T(approval.Text);
        if (Api.StorageFault.Of(error) is { } fault)
        {
            log.LogError(error, "Storage fault ({Code}) in the UI", fault.Code);
            return T(fault.Text);
        }
        log.LogError(error, "An action in the UI failed");
        return T("操作未能完成：服务器出错了，请稍后重试（已填写的内容未丢失）；问题已记录。",
            "This could not be done: the server failed. Try again later (what you entered is kept); the problem has been logged.");
    }

    public static string Action(string action) => action switch
    {
        "Assigned" => T("派发", "Assigned"), "Approved" => T("同意", "Approved"), "Rejected" => T("驳回", "Rejected"),
        "Returned" => T("退回", "Returned"), "Transferred" => T("转办", "Transferred"), "Delegated" => T("委派", "Delegated"),
        "DelegateResolved" => T("委派处理完毕", "Delegate done"), "SignerAddedBefore" => T("前加签", "Signer added before"),
        "SignerAddedAfter" => T("后加签", "Signer added after"), "CarbonCopied" => T("抄送", "Copied"), "Claimed" => T("认领", "Claimed"),
        "Released" => T("退回任务池", "Released"), "Urged" => T("催办", "Urged"), "Comment" => T("评论", "Comment"),
        "Cancelled" => T("取消", "Cancelled"), "Withdrawn" => T("撤回", "Withdrawn"), "Overdue" => T("逾期", "Overdue"),
        "Escalated" => T("逾期升级", "Escalated"), "AutoApproved" => T("自动通过", "Auto-approved"), "Attached" => T("上传附件", "Attached"),
        "StepApproved" => T("本步通过", "Step approved"), "StepRejected" => T("本步驳回", "Step rejected"),
        "StepReturned" => T("本步退回", "Step returned"), "StepTimedOut" => T("本步超时", "Step timed out"),
        "ResultRecorded" => T("填写办理结果", "Result recorded"), "FormChanged" => T("修改表单", "Form changed"),
        _ => action,
    };
}

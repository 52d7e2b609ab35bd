using Approvals.Workflows.Activities;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>
/// 资产解锁: on the paths where a transfer is not approved. The asset held by this case goes back to InUse in its
/// section, and the requester is told the result. An asset this case does not hold is left alone.
/// (A case withdrawn or cancelled runs no activity; the register then treats its hold as ended, see
/// <see cref="AssetRegister"/>.)
/// </summary>
[Activity("AssetRelease", CategoryZh = "国有资产", CategoryEn = "State assets", NameZh = "资产解锁", NameEn = "Release asset",
    DescriptionZh = "调换未获批准时，把本流程锁定的资产恢复为“在用”，仍归原科室，并把结果告知申请人。",
    DescriptionEn = "When a transfer is not approved: the asset held by this case is in use again in its own section, and the requester is told.",
    Icon = "LockOpen")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class AssetRelease : Activity
{
    [Input("资产编号", "Asset code", Required = true, Order = 1, DescriptionZh = "如 {\"js\": \"input.assetCode\"}", DescriptionEn = "e.g. {\"js\": \"input.assetCode\"}")]
    public string AssetCode { get; set; } = "";

    [Input("告知申请人", "Tell the requester", Editor = InputEditors.Switch, Order = 2,
        DescriptionZh = "向申请人发送“未获批准”的办结通知", DescriptionEn = "Send the requester a notice that the transfer was not approved")]
    public bool NotifyRequester { get; set; } = true;

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var code = (AssetCode ?? "").Trim();
        var loaded = await context.Services.GetRequiredService<AssetRegister>().LoadAsync(code);
        var names = await SectionNames.LoadAsync(context.Services.GetRequiredService<IOrganization>());
        var name = loaded?.Row.Name ?? code;
        if (loaded is { } found && found.Row.Status == AssetStatuses.InTransfer && found.Row.TransferInstanceId == context.InstanceId)
        {
            var asset = found.Row;
            asset.Status = AssetStatuses.InUse;
            asset.TransferInstanceId = null;
            AssetVersion.Touch(asset, context.Now);
            context.StageUpdate(asset);
            AssetCaseNotice.History(context, "AssetReleased", $"资产 {code} 已解锁，仍由{names.Zh(asset.SectionId)}使用 / asset {code} released, stays with {asset.SectionId}");
        }
        else context.Journal($"asset {code} is not held by this case; nothing to release");

        if (NotifyRequester)
            AssetCaseNotice.TellRequester(context, $"资产调换未获批准：“{name}”（{code}）",
                $"您申请调换的资产“{name}”（{code}）未获批准，仍由{names.Zh(loaded?.Row.SectionId)}使用。 / The transfer of {code} was not approved; the asset stays with {names.En(loaded?.Row.SectionId)}.");
        context.Complete(Outcomes.Done);
    }
}

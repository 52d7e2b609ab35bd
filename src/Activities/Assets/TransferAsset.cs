using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>
/// 资产移交 (type <c>AssetTransfer</c>; the class is not called AssetMove, which is the history row): after approval
/// and filing, the asset held by this case moves to the receiving section and is in use there; the register keeps
/// a move row (from, to, case, finance filing number, approvers) and the requester is told. An asset that this case
/// does not hold (someone changed the register meanwhile) is a fault for an administrator, not a silent move.
/// </summary>
[Activity("AssetTransfer", CategoryZh = "国有资产", CategoryEn = "State assets", NameZh = "资产移交", NameEn = "Transfer asset",
    DescriptionZh = "把本流程锁定的资产划归调入科室，状态恢复为“在用”，在资产台账中记录调换历史（调出、调入、流程、财务备案号、批准人），并告知申请人。",
    DescriptionEn = "Moves the asset held by this case to the receiving section (in use again), records the move in the register (from, to, case, finance filing number, approvers) and tells the requester.",
    Icon = "SwapHoriz")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class TransferAsset : Activity
{
    [Input("资产编号", "Asset code", Required = true, Order = 1, DescriptionZh = "如 {\"js\": \"input.assetCode\"}", DescriptionEn = "e.g. {\"js\": \"input.assetCode\"}")]
    public string AssetCode { get; set; } = "";

    [Input("调入科室", "Receiving section", Required = true, Editor = InputEditors.Section, Order = 2)]
    public string ToSection { get; set; } = "";

    [Input("财务备案号", "Finance filing number", Order = 3,
        DescriptionZh = "默认取本流程“财务科备案”步骤登记的备案号", DescriptionEn = "By default the number recorded by this case's finance filing step")]
    public string? FilingNo { get; set; }

    [Input("批准人", "Approved by", Order = 4,
        DescriptionZh = "记入调换历史的批准人（用户编号，多个用逗号分隔），如 {\"js\": \"outputs.committeeVote.approvers.join(',')\"}",
        DescriptionEn = "Who approved, for the history (user ids, comma separated)")]
    public string? ApprovedBy { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var code = (AssetCode ?? "").Trim();
        var names = await SectionNames.LoadAsync(context.Services.GetRequiredService<IOrganization>());
        var to = names.Find(ToSection) ?? throw new InvalidOperationException($"The receiving section '{ToSection}' is not in the organisation.");
        var (asset, _) = await context.Services.GetRequiredService<AssetRegister>().LoadAsync(code)
                         ?? throw new InvalidOperationException($"The asset '{code}' is no longer in the register.");
        if (asset.Status != AssetStatuses.InTransfer || asset.TransferInstanceId != context.InstanceId)
            throw new InvalidOperationException(
                $"The asset '{code}' is not held by this case (status {asset.Status}, held by {asset.TransferInstanceId ?? "nobody"}); check the register before retrying.");

        var filingNo = string.IsNullOrWhiteSpace(FilingNo) ? (context.Properties[FinanceFiling.PropertyName] as JsonObject)?["filingNo"]?.ToString() : FilingNo.Trim();
        var from = asset.SectionId;
        asset.SectionId = to.Id;
        asset.Status = AssetStatuses.InUse;
        asset.TransferInstanceId = null;
        AssetVersion.Touch(asset, context.Now);
        context.StageUpdate(asset);
        context.Stage(new AssetMove
        {
            AssetCode = code, FromSectionId = from, ToSectionId = to.Id, InstanceId = context.InstanceId, FilingNo = filingNo,
            ApprovedBy = string.IsNullOrWhiteSpace(ApprovedBy) ? context.ActingUser : ApprovedBy.Trim(), At = context.Now.UtcDateTime,
        });
        AssetCaseNotice.History(context, "AssetTransferred",
            $"资产 {code} 已由{names.Zh(from)}调入{to.NameZh}，财务备案号 {filingNo ?? "无"} / asset {code} moved {from} → {to.Id}, filing {filingNo ?? "none"}");
        AssetCaseNotice.TellRequester(context, $"资产调换已办结：“{asset.Name}”（{code}）",
            $"资产“{asset.Name}”（{code}）已由{names.Zh(from)}调入{to.NameZh}，财务科备案号 {filingNo ?? "无"}。 / {code} now belongs to {names.En(to.Id)} (finance filing {filingNo ?? "none"}).");
        context.SetOutput("fromSection", from);
        context.SetOutput("toSection", to.Id);
        context.Complete(Outcomes.Done);
    }
}

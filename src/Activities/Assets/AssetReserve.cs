using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Assets;

/// <summary>
/// 资产锁定: runs in the submission's burst. The asset must be in the register, belong to the giving section, be in
/// use and not held by another transfer case; otherwise the submission is refused with the reason. When it may
/// go, the asset becomes InTransfer, held by this case, until <see cref="TransferAsset"/> moves it or
/// <see cref="AssetRelease"/> frees it. The receiving section's chief gets a copy of the case (抄送).
/// </summary>
/// <remarks>
/// Two submissions for one asset at the same moment both read it free. The copy to the receiving section is
/// stored under a key made of the asset and the version read (<see cref="AssetVersion.ReservationKey"/>), so the
/// database accepts only one of the two commits; the other fails and nothing of it is saved. (Asset has no
/// concurrency token, and a staged update cannot check the value it read; see docs/rules/assets.md.)
/// </remarks>
[Activity("AssetReserve", CategoryZh = "国有资产", CategoryEn = "State assets", NameZh = "资产锁定", NameEn = "Reserve asset",
    DescriptionZh = "提交时检查资产：须在资产台账中、属于调出科室、状态为在用且不在其他调换流程中，否则拒绝提交并说明原因；通过后把资产锁定为“调换中”，直到本流程移交或解锁，并抄送调入科室科长。",
    DescriptionEn = "At submission: the asset must be in the register, belong to the giving section, be in use and not in another transfer, else the submission is refused with the reason; then it is held (InTransfer) by this case until it is moved or released, and the receiving section's chief gets a copy.",
    Icon = "Lock")]
[Outcome(Outcomes.Done, "完成", "Done")]
public sealed class AssetReserve : Activity
{
    [Input("资产编号", "Asset code", Required = true, Order = 1, DescriptionZh = "如 {\"js\": \"input.assetCode\"}", DescriptionEn = "e.g. {\"js\": \"input.assetCode\"}")]
    public string AssetCode { get; set; } = "";

    [Input("调出科室", "Giving section", Required = true, Editor = InputEditors.Section, Order = 2)]
    public string FromSection { get; set; } = "";

    [Input("调入科室", "Receiving section", Required = true, Editor = InputEditors.Section, Order = 3)]
    public string ToSection { get; set; } = "";

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var register = context.Services.GetRequiredService<AssetRegister>();
        var names = await SectionNames.LoadAsync(context.Services.GetRequiredService<IOrganization>());
        var code = (AssetCode ?? "").Trim();
        if (code.Length == 0) throw ApprovalException.Invalid("asset-code-missing", "请填写资产编号", "the asset code is required");
        var from = names.Find(FromSection) ?? throw UnknownSection(FromSection, "调出", "giving");
        var to = names.Find(ToSection) ?? throw UnknownSection(ToSection, "调入", "receiving");
        if (from.Id == to.Id)
            throw ApprovalException.Invalid("same-section", "调出科室和调入科室不能相同", "the giving and the receiving section must differ");

        var (asset, holder) = await register.LoadAsync(code)
                              ?? throw ApprovalException.Invalid("asset-not-found", $"资产台账中没有编号为“{code}”的资产，请核对资产编号",
                                  $"the asset register has no asset '{code}'; check the code");
        if (asset.SectionId != from.Id)
            throw ApprovalException.Invalid("asset-not-in-section",
                $"资产“{asset.Name}”（{code}）登记在{names.Zh(asset.SectionId)}，不属于调出科室{from.NameZh}",
                $"the asset '{code}' is registered to {names.En(asset.SectionId)}, not to the giving section {names.En(from.Id)}");
        if (asset.Status == AssetStatuses.Retired)
            throw ApprovalException.Invalid("asset-retired", $"资产“{asset.Name}”（{code}）已报废，不能调换", $"the asset '{code}' is retired and cannot be transferred");
        if (holder is not null && holder != context.InstanceId)
            throw ApprovalException.Conflict("asset-in-transfer",
                $"资产“{asset.Name}”（{code}）正在另一项资产调换中（流程 {holder}），该流程结束前不能再次申请",
                $"the asset '{code}' is already in another transfer (case {holder}); it cannot be requested again until that case ends");

        var key = AssetVersion.ReservationKey(asset);
        asset.Status = AssetStatuses.InTransfer;
        asset.TransferInstanceId = context.InstanceId;
        AssetVersion.Touch(asset, context.Now);
        context.StageUpdate(asset);

        var now = context.Now.UtcDateTime;
        var title = $"资产调换：{from.NameZh}拟将“{asset.Name}”（{code}）调入{to.NameZh}";
        // The receiving section learns of the case at once; this row is also the reservation's unique key.
        var reader = to.ChiefId ?? from.ChiefId ?? context.Initiator ?? "system";
        context.Stage(new CarbonCopy
        {
            Id = key, InstanceId = context.InstanceId, UserId = reader, FromUserId = context.Initiator ?? "system", Title = title,
            Comment = "资产调换申请已提交，资产已锁定 / transfer requested, the asset is reserved", CreatedAt = now,
        });
        context.Stage(new Notification
        {
            Id = Guid.NewGuid().ToString("N"), UserId = reader, Kind = NotificationKind.CarbonCopy, Title = title, InstanceId = context.InstanceId,
            CreatedAt = now, NextAttemptAt = now,
        });
        context.Stage(new CaseHistory
        {
            InstanceId = context.InstanceId, ActivityId = context.ActivityId, At = now, ActorId = context.ActingUser, Action = "AssetReserved",
            Comment = $"资产 {code} 已锁定，调出：{from.NameZh}，调入：{to.NameZh} / asset {code} reserved: {from.Id} → {to.Id}",
        });

        context.SetOutput("assetCode", code);
        context.SetOutput("assetName", asset.Name);
        context.SetOutput("category", asset.Category);
        context.SetOutput("value", asset.Value);
        context.SetOutput("fromSectionName", from.NameZh);
        context.SetOutput("toSectionName", to.NameZh);
        context.Properties["asset"] = new JsonObject { ["code"] = code, ["name"] = asset.Name, ["from"] = from.Id, ["to"] = to.Id };
        context.Complete(Outcomes.Done);
    }

    private static ApprovalException UnknownSection(string id, string zh, string en) =>
        ApprovalException.Invalid("unknown-section", $"{zh}科室“{id}”不在组织架构中", $"the {en} section '{id}' is not in the organisation");
}

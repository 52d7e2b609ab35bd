using Approvals.Workflows.Office;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Office.Assets;

/// <summary>资产锁定 at submission: what is refused, and one transfer at a time per asset.</summary>
public sealed class AssetReservationTests
{
    [Fact]
    public async Task An_asset_in_a_transfer_is_refused_for_a_second_one()
    {
        await using var h = await AssetHarness.CreateAsync();
        var first = await h.SubmitAsync();

        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(to: "hr", requester: "huangli"));
        Assert.Equal((ErrorKind.Conflict, "asset-in-transfer"), (e.Kind, e.Code));
        Assert.Contains("正在另一项资产调换中", e.Text.ZhCN);
        Assert.Contains(first.Id, e.Text.En);
        Assert.Equal(1, await CasesAsync(h));
        Assert.Equal(first.Id, (await h.AssetRowAsync(AssetHarness.Desktop)).TransferInstanceId);
    }

    [Theory]
    [InlineData("ZC-2099-9999", "general", "asset-not-found", "资产台账中没有编号")]
    [InlineData(AssetHarness.Desktop, "hr", "asset-not-in-section", "不属于调出科室人事科")]
    [InlineData("ZC-2018-0019", "hr", "asset-retired", "已报废")]
    public async Task An_unknown_asset_or_one_the_giving_section_does_not_hold_is_refused(string code, string from, string error, string zh)
    {
        await using var h = await AssetHarness.CreateAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(code: code, from: from, to: "information"));
        Assert.Equal((ErrorKind.Invalid, error), (e.Kind, e.Code));
        Assert.Contains(zh, e.Text.ZhCN);
        Assert.Contains(code, e.Text.En);
        Assert.Equal(0, await CasesAsync(h));
    }

    [Fact]
    public async Task The_same_section_on_both_sides_is_refused()
    {
        await using var h = await AssetHarness.CreateAsync();
        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.SubmitAsync(to: "general"));
        Assert.Equal("same-section", e.Code);
        Assert.Equal(AssetStatuses.InUse, (await h.AssetRowAsync(AssetHarness.Desktop)).Status);
    }

    [Fact]
    public async Task Of_concurrent_submissions_for_one_asset_exactly_one_is_accepted()
    {
        await using var h = await AssetHarness.CreateAsync();
        for (var round = 0; round < 5; round++)
        {
            var code = $"ZC-2023-00{11 + round % 2}";
            // Free the asset again between rounds (a withdrawn case no longer holds it).
            var requesters = new[] { "yangfan", "huangli", "xuhao", "liuyang", "yangfan", "huangli", "xuhao", "liuyang" };
            var outcomes = await Task.WhenAll(requesters.Select(r => Task.Run(async () =>
            {
                try { return (Accepted: (await h.SubmitAsync(code: code, requester: r)).Id, Error: (Exception?)null); }
                catch (Exception e) { return (Accepted: (string?)null, Error: e); }
            })));

            var accepted = Assert.Single(outcomes, o => o.Accepted is not null).Accepted!;
            // A loser either read the asset after the winner committed (a clear refusal) or lost the race at commit
            // (the reservation key is taken; nothing of it is saved).
            Assert.All(outcomes.Where(o => o.Error is not null), o =>
                Assert.True(o.Error is ApprovalException { Code: "asset-in-transfer" } or DbUpdateException, o.Error!.ToString()));
            var row = await h.AssetRowAsync(code);
            Assert.Equal((AssetStatuses.InTransfer, accepted), (row.Status, row.TransferInstanceId));
            await using (var ctx = h.Engine.Db.Create())
            {
                var live = await ctx.Instances.Where(i => i.DefinitionId == AssetHarness.FlowId && i.Status == InstanceStatus.Suspended).Select(i => i.Id).ToListAsync();
                Assert.Equal(accepted, Assert.Single(live));
                Assert.Single(await ctx.Tasks.Where(t => t.ActivityId == "chiefConfirm" && t.Status == HumanTaskStatus.Open).ToListAsync());
            }
            await h.Inbox.WithdrawAsync(accepted, new Actor((await h.InstanceAsync(accepted)).Initiator!), "测试");
        }
    }

    private static async Task<int> CasesAsync(AssetHarness h)
    {
        await using var ctx = h.Engine.Db.Create();
        return await ctx.Instances.CountAsync(i => i.DefinitionId == AssetHarness.FlowId);
    }
}

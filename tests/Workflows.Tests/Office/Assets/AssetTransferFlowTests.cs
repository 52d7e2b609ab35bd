using Approvals.Workflows.Notifications;
using Approvals.Workflows.Office;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;

namespace Approvals.Workflows.Tests.Office.Assets;

/// <summary>The shipped flow workflows/asset-transfer.json end to end (rule 5: 国有资产).</summary>
public sealed class AssetTransferFlowTests
{
    [Fact]
    public async Task An_approved_and_filed_transfer_moves_the_asset_and_keeps_the_history()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        var reserved = await h.AssetRowAsync(AssetHarness.Desktop);
        Assert.Equal((AssetStatuses.InTransfer, instance.Id), (reserved.Status, reserved.TransferInstanceId));
        // The receiving section's chief (信息科 wulei) has a copy of the case from the start.
        Assert.Single(await h.NotificationsAsync("wulei", NotificationKind.CarbonCopy));

        await h.ChiefConfirmsAsync(instance.Id);
        await h.VoteAsync(instance.Id, TaskActionKinds.Approve, "zhaozhiyuan", "gaoming", "wulei");
        await h.FileAsync(instance.Id, "财资备〔2026〕7号");

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal((InstanceStatus.Finished, "Approved"), (done.Status, done.Result));
        var details = await h.Register.GetAsync(AssetHarness.Desktop);
        Assert.NotNull(details);
        Assert.Equal(("information", AssetStatuses.InUse, (string?)null), (details.Asset.SectionId, details.Asset.Status, details.Asset.TransferInstanceId));
        var move = Assert.Single(details.Moves);
        Assert.Equal(("general", "information", instance.Id, "财资备〔2026〕7号"), (move.FromSectionId, move.ToSectionId, move.InstanceId, move.FilingNo));
        Assert.Equal(["gaoming", "wulei", "zhaozhiyuan"], move.ApprovedBy!.Split(',').Order());
        Assert.Equal(h.Engine.Clock.GetUtcNow().UtcDateTime, move.At);

        // The register lists it under the receiving section now.
        var information = await h.Register.ListAsync(new() { Section = "information", Text = "0012" });
        Assert.Equal(AssetHarness.Desktop, Assert.Single(information.Items).Code);
        Assert.Empty((await h.Register.ListAsync(new() { Section = "general", Text = "0012" })).Items);

        // The requester is told the result (办结), with the filing number.
        var told = Assert.Single(await h.NotificationsAsync("yangfan", NotificationKind.Finished));
        Assert.Contains("财资备〔2026〕7号", told.Body);
        var timeline = await h.Inbox.TimelineAsync(instance.Id, new Actor("yangfan"));
        Assert.Contains(timeline, l => l.Action == "AssetReserved");
        Assert.Contains(timeline, l => l.Action == "CommitteeDecided" && l.Comment!.Contains("同意 3 票"));
        Assert.Contains(timeline, l => l.Action == "FinanceFiled");
        Assert.Contains(timeline, l => l.Action == "AssetTransferred");
    }

    [Fact]
    public async Task Three_of_five_for_decide_the_vote_at_once_and_cancel_the_other_ballots()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        await h.ChiefConfirmsAsync(instance.Id);
        Assert.Equal(5, (await h.TasksAsync(instance.Id, "committeeVote")).Count(t => t.Status == HumanTaskStatus.Open));

        await h.VoteAsync(instance.Id, TaskActionKinds.Approve, "gaoming", "zhangwei");
        Assert.Empty(await h.TasksAsync(instance.Id, "financeFiling"));
        await h.VoteAsync(instance.Id, TaskActionKinds.Reject, "guoliping");
        Assert.Empty(await h.TasksAsync(instance.Id, "financeFiling"));
        await h.VoteAsync(instance.Id, TaskActionKinds.Approve, "zhaozhiyuan");

        var ballots = await h.TasksAsync(instance.Id, "committeeVote");
        Assert.Equal(3, ballots.Count(t => t.Outcome == TaskOutcomes.Approved));
        Assert.Equal(1, ballots.Count(t => t.Outcome == TaskOutcomes.Rejected));
        var cancelled = Assert.Single(ballots, t => t.Status == HumanTaskStatus.Cancelled);
        Assert.Equal("wulei", cancelled.AssigneeId);
        Assert.Single(await h.TasksAsync(instance.Id, "financeFiling"), t => t.Status == HumanTaskStatus.Open && t.PoolSectionId == "finance");
    }

    [Fact]
    public async Task Three_of_five_against_reject_at_once_release_the_asset_and_tell_the_requester()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        await h.ChiefConfirmsAsync(instance.Id);
        await h.VoteAsync(instance.Id, TaskActionKinds.Reject, "zhaozhiyuan", "gaoming", "zhangwei");

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal((InstanceStatus.Finished, "Rejected"), (ended.Status, ended.Result));
        var ballots = await h.TasksAsync(instance.Id, "committeeVote");
        Assert.Equal(3, ballots.Count(t => t.Outcome == TaskOutcomes.Rejected));
        Assert.Equal(2, ballots.Count(t => t.Status == HumanTaskStatus.Cancelled));
        Assert.Empty(await h.TasksAsync(instance.Id, "financeFiling"));

        var asset = await h.AssetRowAsync(AssetHarness.Desktop);
        Assert.Equal(("general", AssetStatuses.InUse, (string?)null), (asset.SectionId, asset.Status, asset.TransferInstanceId));
        Assert.Empty((await h.Register.GetAsync(AssetHarness.Desktop))!.Moves);
        Assert.Contains("未获批准", Assert.Single(await h.NotificationsAsync("yangfan", NotificationKind.Finished)).Title);
        // Free again: a new request for it is accepted.
        await h.SubmitAsync();
    }

    [Fact]
    public async Task The_giving_chief_rejecting_releases_the_asset()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        var task = await h.OpenTaskAsync(instance.Id, "chiefConfirm", "zhangwei");
        await h.ActAsync("zhangwei", task.Id, TaskActionKinds.Reject, "本科室仍需使用");

        Assert.Equal("Rejected", (await h.InstanceAsync(instance.Id)).Result);
        Assert.Equal(AssetStatuses.InUse, (await h.AssetRowAsync(AssetHarness.Desktop)).Status);
        Assert.Empty(await h.TasksAsync(instance.Id, "committeeVote"));
    }

    [Fact]
    public async Task A_withdrawn_request_no_longer_holds_the_asset()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        await h.Inbox.WithdrawAsync(instance.Id, new Actor("yangfan"), "填错了调入科室");

        // No activity runs on withdrawal: the row still says InTransfer, but the register treats the ended case's hold as gone.
        Assert.Equal(AssetStatuses.InTransfer, (await h.AssetRowAsync(AssetHarness.Desktop)).Status);
        var shown = (await h.Register.GetAsync(AssetHarness.Desktop))!.Asset;
        Assert.Equal((AssetStatuses.InUse, (string?)null), (shown.Status, shown.TransferInstanceId));
        Assert.Empty((await h.Register.ListAsync(new() { Status = AssetStatuses.InTransfer })).Items);

        var second = await h.SubmitAsync(to: "hr");
        Assert.Equal(second.Id, (await h.AssetRowAsync(AssetHarness.Desktop)).TransferInstanceId);
    }

    [Fact]
    public async Task A_committee_vote_needs_a_comment_for_and_against()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        await h.ChiefConfirmsAsync(instance.Id);
        var ballot = await h.OpenTaskAsync(instance.Id, "committeeVote", "gaoming");

        var e = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("gaoming", ballot.Id, TaskActionKinds.Approve));
        Assert.Equal("vote-comment-required", e.Code);
        Assert.Contains("意见", e.Text.ZhCN);
        Assert.Equal(HumanTaskStatus.Open, (await h.OpenTaskAsync(instance.Id, "committeeVote", "gaoming")).Status);
        await h.ActAsync("gaoming", ballot.Id, TaskActionKinds.Approve, "同意");
    }

    [Fact]
    public async Task Filing_needs_a_filing_number_that_was_not_used_before()
    {
        await using var h = await AssetHarness.CreateAsync();
        var first = await h.SubmitAsync();
        await h.ChiefConfirmsAsync(first.Id);
        await h.VoteAsync(first.Id, TaskActionKinds.Approve, "zhaozhiyuan", "gaoming", "wulei");
        var filing = await h.OpenTaskAsync(first.Id, "financeFiling");
        await h.ActAsync("xiejun", filing.Id, TaskActionKinds.Claim);

        var missing = await Assert.ThrowsAsync<ApprovalException>(() => h.ActAsync("xiejun", filing.Id, TaskActionKinds.Approve, "已备案"));
        Assert.Contains("filingNo", missing.FieldErrors.Keys);
        await h.ActAsync("xiejun", filing.Id, TaskActionKinds.Approve, "已备案", new() { ["filingNo"] = "财资备〔2026〕8号" });

        var second = await h.SubmitAsync(code: "ZC-2023-0011");
        await h.ChiefConfirmsAsync(second.Id);
        await h.VoteAsync(second.Id, TaskActionKinds.Approve, "zhaozhiyuan", "gaoming", "wulei");
        var again = await h.OpenTaskAsync(second.Id, "financeFiling");
        await h.ActAsync("xiejun", again.Id, TaskActionKinds.Claim);
        var used = await Assert.ThrowsAsync<ApprovalException>(() =>
            h.ActAsync("xiejun", again.Id, TaskActionKinds.Approve, "已备案", new() { ["filingNo"] = "财资备〔2026〕8号" }));
        Assert.Equal("filing-number-used", used.Code);
    }

    [Fact]
    public async Task The_giving_chiefs_own_request_skips_the_confirmation()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync(requester: "zhangwei");
        Assert.Equal(5, (await h.TasksAsync(instance.Id, "committeeVote")).Count);
    }

    [Fact]
    public async Task The_chiefs_confirmation_is_due_the_same_working_day_and_escalates_to_the_deputy_director()
    {
        await using var h = await AssetHarness.CreateAsync();
        var instance = await h.SubmitAsync();
        var task = await h.OpenTaskAsync(instance.Id, "chiefConfirm", "zhangwei");
        // Monday 2026-11-02, submitted 09:00 in Shanghai: due 17:30 the same day (文不过夜).
        Assert.Equal(new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc), task.DueAt);

        h.Engine.Clock.Advance(TimeSpan.FromHours(9));
        await h.Engine.Timers.RunDueAsync();
        Assert.Single(await h.NotificationsAsync("zhangwei", NotificationKind.Reminder));
        Assert.Single(await h.NotificationsAsync("liguoqiang", NotificationKind.Escalated));
    }
}

using Approvals.Activities.Assets;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tests.Engine;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Tests.Office.Assets;

/// <summary>委员会表决 on its own: the rules all / majority / quorum over the demo committee of five.</summary>
public sealed class CommitteeVoteTests
{
    private static async Task<(AssetHarness H, string Instance)> VoteFlowAsync(string voteInputs)
    {
        var h = await AssetHarness.CreateAsync(publishFlow: false);
        await h.Engine.PublishAsync(new FlowBuilder("vote")
            .Activity("start", "Start")
            .Activity("committeeVote", "CommitteeVote", voteInputs)
            .Activity("yes", "End", """{ "result": "Approved" }""")
            .Activity("no", "End", """{ "result": "Rejected" }""")
            .Connect("start", "Done", "committeeVote").Connect("committeeVote", "Approved", "yes").Connect("committeeVote", "Rejected", "no")
            .Build());
        return (h, (await h.Runtime.StartAsync("vote", new JsonObject(), "yangfan")).Id);
    }

    [Fact]
    public async Task By_default_every_member_of_the_state_asset_committee_votes_by_majority()
    {
        var (h, id) = await VoteFlowAsync("{}");
        await using var _ = h;
        Assert.Equal(AssetHarness.Committee.Order(), (await h.TasksAsync(id)).Select(t => t.AssigneeId!).Order());
        await h.VoteAsync(id, TaskActionKinds.Approve, "zhaozhiyuan", "gaoming");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.VoteAsync(id, TaskActionKinds.Approve, "wulei");
        Assert.Equal("Approved", (await h.InstanceAsync(id)).Result);

        var state = (await h.Engine.GetAsync(id)).State;
        var votes = state.Outputs["committeeVote"]!["votes"]!.AsArray();
        Assert.Equal(3, votes.Count);
        Assert.All(votes, v => Assert.Equal("同意调换", v!["comment"]!.ToString()));
    }

    [Fact]
    public async Task Rule_all_is_rejected_by_the_first_vote_against()
    {
        var (h, id) = await VoteFlowAsync("""{ "rule": "all" }""");
        await using var _ = h;
        await h.VoteAsync(id, TaskActionKinds.Approve, "zhaozhiyuan", "gaoming", "zhangwei", "wulei");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.VoteAsync(id, TaskActionKinds.Reject, "guoliping");
        Assert.Equal("Rejected", (await h.InstanceAsync(id)).Result);
    }

    [Fact]
    public async Task Rule_quorum_takes_the_count_given()
    {
        var (h, id) = await VoteFlowAsync("""{ "rule": "quorum", "quorum": { "count": 2 } }""");
        await using var _ = h;
        await h.VoteAsync(id, TaskActionKinds.Reject, "zhaozhiyuan", "gaoming", "zhangwei");
        Assert.Equal(InstanceStatus.Suspended, (await h.InstanceAsync(id)).Status);
        await h.VoteAsync(id, TaskActionKinds.Reject, "wulei");
        Assert.Equal("Rejected", (await h.InstanceAsync(id)).Result); // 1 left: 2 approvals can no longer be reached
        Assert.Single(await h.TasksAsync(id), t => t.Status == HumanTaskStatus.Cancelled && t.AssigneeId == "guoliping");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(9, 5)]
    [InlineData(4999, 2500)]
    public void Majority_means_more_than_half(int members, int needed) =>
        Assert.Equal(needed, new QuorumRule { Percent = CommitteeVote.MajorityPercent }.Needed(members));

    [Fact]
    public void The_designer_sees_the_rule_and_not_a_separate_mode()
    {
        var registry = new Workflows.Activities.ActivityRegistry([typeof(CommitteeVote).Assembly]);
        var vote = registry.Find("CommitteeVote")!;
        Assert.DoesNotContain(vote.Inputs, i => i.Name == "mode");
        Assert.Contains(vote.Inputs, i => i.Name == "rule" && i.Options!.SequenceEqual(["majority", "all", "quorum"]));
        Assert.False(vote.Inputs.Single(i => i.Name == "assignment").Required);
        Assert.False(registry.Find("FinanceFiling")!.Inputs.Single(i => i.Name == "assignment").Required);
    }
}

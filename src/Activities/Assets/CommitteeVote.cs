using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Assets;

/// <summary>
/// 委员会表决: every member of the committee (by default the group <c>state-asset-committee</c>, 国有资产管理领导小组)
/// votes for or against, each with a comment. The rule is <c>all</c> (everyone for; one against rejects),
/// <c>majority</c> (more than half for) or <c>quorum</c> (the <c>quorum</c> input: a count or a percentage for).
/// The step is decided as soon as the result can no longer change, and the remaining ballots are cancelled.
/// The votes are published as outputs <c>approvers</c>, <c>rejecters</c> and <c>votes</c>.
/// </summary>
[Activity("CommitteeVote", CategoryZh = "国有资产", CategoryEn = "State assets", NameZh = "委员会表决", NameEn = "Committee vote",
    DescriptionZh = "国有资产管理领导小组成员逐一表决（同意或反对，均须填写意见）；规则可选全体同意、过半数同意或按人数/比例；结果确定后立即结束，其余未投票任务自动取消。",
    DescriptionEn = "Each member of the state-asset committee votes for or against, with a comment; the rule is all, a majority or a quorum; decided as soon as the result is certain, the other ballots are cancelled.",
    Icon = "HowToVote")]
public sealed class CommitteeVote : UserTask
{
    public const string DefaultGroup = "state-asset-committee";
    public const string RuleAll = "all";
    public const string RuleMajority = "majority";
    public const string RuleQuorum = "quorum";

    /// <summary>
    /// "More than half" as a percentage for <see cref="QuorumRule"/>, which rounds up: n·50.0001% rounds up to
    /// ⌊n/2⌋+1 for any committee smaller than 5000 (3 of 4, 3 of 5, 4 of 6).
    /// </summary>
    public const double MajorityPercent = 50.0001;

    public CommitteeVote()
    {
        Assignment = new AssignmentRule { Strategy = AssignmentStrategies.Group, Group = DefaultGroup };
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Reject, TaskActionKinds.CarbonCopy];
        Deadline = new DeadlineRule { Kind = "workingDays", Value = "2", RemindBefore = "PT2H" };
        Escalations = [new EscalationRung { After = "deadline", To = "assigneeChief" }];
    }

    /// <summary>The voters; by default every member of the state-asset committee.</summary>
    [Input("表决成员", "Voters", Editor = InputEditors.Assignment, Order = 1,
        DescriptionZh = "默认国有资产管理领导小组（state-asset-committee）全体成员", DescriptionEn = "By default every member of the group state-asset-committee")]
    public new AssignmentRule Assignment { get => base.Assignment; set => base.Assignment = value; }

    [Input("表决规则", "Voting rule", Editor = InputEditors.Select, Options = [RuleMajority, RuleAll, RuleQuorum], Order = 2,
        DescriptionZh = "majority 过半数同意；all 全体同意（一票反对即否决）；quorum 按“通过人数/比例”", DescriptionEn = "majority: more than half for; all: everyone for (one against rejects); quorum: the quorum input")]
    public string Rule { get; set; } = RuleMajority;

    /// <summary>Derived from <see cref="Rule"/>; hidden from the designer so the two cannot disagree.</summary>
    public new string Mode { get => base.Mode; set => base.Mode = value; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        ApplyRule();
        return base.ExecuteAsync(context);
    }

    public override ValueTask ResumeAsync(ActivityContext context)
    {
        ApplyRule();
        if (context.Stimulus?.TimerName is null && TaskAction.From(context.Stimulus?.Payload) is { } action
            && action.Kind is TaskActionKinds.Approve or TaskActionKinds.Reject && string.IsNullOrWhiteSpace(action.Comment))
            throw ApprovalException.Invalid("vote-comment-required", "表决时请填写意见：同意和反对都需要说明理由", "a vote needs a comment, for or against");
        return base.ResumeAsync(context);
    }

    /// <summary>Maps the rule onto the step's mode and quorum.</summary>
    private void ApplyRule()
    {
        switch (Rule)
        {
            case RuleAll:
                base.Mode = StepModes.All;
                break;
            case RuleMajority:
                base.Mode = StepModes.Quorum;
                Quorum = new QuorumRule { Percent = MajorityPercent };
                break;
            case RuleQuorum:
                if (Quorum is not { Count: > 0 } and not { Percent: > 0 })
                    throw new InvalidOperationException("The voting rule 'quorum' needs the quorum input: {\"count\": n} or {\"percent\": p}.");
                base.Mode = StepModes.Quorum;
                break;
            default:
                throw new InvalidOperationException($"Unknown voting rule '{Rule}' (majority, all, quorum).");
        }
    }

    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        var ballots = tasks.Where(t => t.Outcome is TaskOutcomes.Approved or TaskOutcomes.Rejected && t.CompletedBy is not null).ToList();
        var approvers = ballots.Where(t => t.Outcome == TaskOutcomes.Approved).Select(t => t.CompletedBy!).ToList();
        var rejecters = ballots.Where(t => t.Outcome == TaskOutcomes.Rejected).Select(t => t.CompletedBy!).ToList();
        context.SetOutput("approvers", new JsonArray([.. approvers.Select(a => (JsonNode?)a)]));
        context.SetOutput("rejecters", new JsonArray([.. rejecters.Select(a => (JsonNode?)a)]));
        context.SetOutput("votes", new JsonArray([.. ballots.Select(t => (JsonNode?)new JsonObject
        {
            ["user"] = t.CompletedBy, ["vote"] = t.Outcome, ["comment"] = t.Comment, ["at"] = t.CompletedAt,
        })]));
        var notVoted = tasks.Count(t => t.AddedBy is null) - ballots.Count;
        AssetCaseNotice.History(context, "CommitteeDecided",
            $"表决结果：{(outcome == TaskOutcomes.Approved ? "通过" : "未通过")}（同意 {approvers.Count} 票，反对 {rejecters.Count} 票，未投 {notVoted} 票；规则 {Rule}） / " +
            $"{outcome}: {approvers.Count} for, {rejecters.Count} against, {notVoted} not voted (rule {Rule})");
    }
}

using Approvals.Workflows.Activities;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Common;

/// <summary>
/// 首办移交审批 (rule 2): the case owner's chief decides the owner's request to hand the case to someone
/// else. Approved: the named person becomes the case owner (timeline row <c>CaseOwnerChanged</c>) and the
/// steps assigned with <c>caseOwner</c> go to them from now on. Rejected: the owner keeps the case
/// (<c>CaseHandOverRefused</c>). Either way the flow goes back to the owner's step.
/// </summary>
/// <remarks>A 文不过夜 step like the reviews: a chief who sits on the request leaves the case with nobody working on it.</remarks>
[Activity("CaseHandOver", CategoryZh = "人工任务", CategoryEn = "Human tasks", NameZh = "首办移交审批", NameEn = "Case hand-over approval",
    DescriptionZh = "首办责任人申请把案件移交他人时，由其科长审批：同意则接手人成为新的首办责任人，不同意则仍由原责任人办理。",
    DescriptionEn = "The case owner's chief approves or refuses the owner's request to hand the case to someone else; approval makes that person the owner.",
    Icon = "SwapHoriz")]
public class CaseHandOver : NoOvernightReview
{
    /// <summary>Defaults: the owner's chief decides; approve or refuse (with a comment), or copy someone in.</summary>
    public CaseHandOver()
    {
        Assignment = new AssignmentRule { Strategy = CaseOwnerChiefStrategy.StrategyName };
        AllowedActions = [TaskActionKinds.Approve, TaskActionKinds.Reject, TaskActionKinds.CarbonCopy];
    }

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var request = HandOverRequest.Of(context)
                      ?? throw new InvalidOperationException("A case hand-over step was reached without a hand-over request; connect it only to the 'HandOver' outcome of a FirstHandler step.");
        var org = context.Services.GetRequiredService<IOrganization>();
        var from = (await org.FindUserAsync(request.From))?.Name ?? request.From;
        var to = (await org.FindUserAsync(request.To))?.Name ?? request.To;
        if (string.IsNullOrWhiteSpace(Title)) Title = $"首办移交审批：{from} → {to}";
        if (string.IsNullOrWhiteSpace(Instructions))
            Instructions = $"{from}是本案的首办责任人，申请移交给{to}办理。理由：{request.Reason}\n同意后{to}成为首办责任人，后续环节由其办理；不同意则仍由{from}办理。";
        await base.ExecuteAsync(context);
    }

    /// <inheritdoc />
    protected override void OnFinished(ActivityContext context, string outcome, IReadOnlyList<HumanTask> tasks)
    {
        if (HandOverRequest.Of(context) is not { } request) return;
        var decision = tasks.Where(t => t.Outcome == outcome && t.CompletedBy is not null).MaxBy(t => t.CompletedAt);
        var opinion = string.IsNullOrWhiteSpace(decision?.Comment) ? "" : $"；审批意见：{decision.Comment}";
        if (outcome == TaskOutcomes.Approved)
            CaseOwner.Record(context, request.To, CaseOwner.ChangedAction, $"移交理由：{request.Reason}{opinion}", decision?.Id);
        else
            CaseOwner.Note(context, CaseOwner.RefusedAction, $"移交未获同意{opinion}", request.From, request.To, decision?.Id);
        HandOverRequest.Clear(context);
    }
}

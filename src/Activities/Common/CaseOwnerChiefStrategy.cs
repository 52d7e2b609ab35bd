using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Common;

/// <summary>
/// Assignment strategy <c>caseOwnerChief</c>: the person one level above the case owner (their section
/// chief; for a chief the responsible deputy director). Decides a hand-over of the case (<see cref="CaseHandOver"/>).
/// </summary>
public sealed class CaseOwnerChiefStrategy(IOrganization org) : IAssignmentStrategy
{
    /// <summary>The name used in definitions: <c>{ "strategy": "caseOwnerChief" }</c>.</summary>
    public const string StrategyName = "caseOwnerChief";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public LocalizedText Label { get; } = new("首办责任人的科长", "The case owner's chief");

    /// <inheritdoc />
    public async Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct) =>
        CaseOwner.OrInitiator(context) is { } owner && await org.ChiefOfAsync(owner, ct) is { } chief ? new Assignees([chief]) : Assignees.Nobody;
}

using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Tasks.Assignment;

namespace Approvals.Activities.Common;

/// <summary>
/// Assignment strategy <c>caseOwner</c> (首办负责制): the case owner recorded on the instance, or the
/// initiator when none is recorded. Later steps of a case come back to the person who owns it.
/// </summary>
public sealed class CaseOwnerStrategy : IAssignmentStrategy
{
    /// <summary>The name used in definitions: <c>{ "strategy": "caseOwner" }</c>.</summary>
    public const string StrategyName = "caseOwner";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public LocalizedText Label { get; } = new("首办责任人", "The case owner");

    /// <inheritdoc />
    public Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct) =>
        Task.FromResult(CaseOwner.OrInitiator(context) is { } owner ? new Assignees([owner]) : Assignees.Nobody);
}

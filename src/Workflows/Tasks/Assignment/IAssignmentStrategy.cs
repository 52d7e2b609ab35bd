using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tasks.Assignment;

/// <summary>
/// One way of finding assignees, named in <see cref="AssignmentRule.Strategy"/>. Register more in DI
/// (e.g. the case owner of 首办负责制); the designer lists them from <c>/api/tasks/assignment-strategies</c>.
/// </summary>
public interface IAssignmentStrategy
{
    string Name { get; }
    LocalizedText Label { get; }
    Task<Assignees> ResolveAsync(AssignmentRule rule, ActivityContext context, CancellationToken ct);
}

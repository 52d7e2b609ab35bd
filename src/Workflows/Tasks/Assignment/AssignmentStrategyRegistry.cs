using Approvals.Workflows.Organization;
using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Tasks.Assignment;

/// <summary>The built-in strategies plus every <see cref="IAssignmentStrategy"/> registered in DI (e.g. by the office activities).</summary>
public sealed class AssignmentStrategyRegistry(IOrganization org, ApprovalsDb db, IEnumerable<IAssignmentStrategy> extra)
{
    private readonly IReadOnlyList<IAssignmentStrategy> _all = [.. AssignmentStrategies.BuiltIn(org, db), .. extra];

    public IReadOnlyList<IAssignmentStrategy> All => _all;

    public IAssignmentStrategy? Find(string name) => _all.FirstOrDefault(s => s.Name == name);
}

using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// What a step shows and allows, for the inbox, without running it: the step's activity is created with
/// its literal inputs bound, so the defaults of office activities derived from UserTask count too
/// (expression inputs are left at their defaults).
/// </summary>
internal static class StepInputs
{
    public static UserTask Of(ActivityRegistry registry, ActivityNode? node)
    {
        if (node is null) return new UserTask();
        try { return registry.CreateBound(node, _ => null) as UserTask ?? new UserTask(); }
        catch (InvalidOperationException) { return new UserTask(); }
    }
}

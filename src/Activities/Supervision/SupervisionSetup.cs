using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Supervision;

/// <summary>Registers what the Supervision activities need.</summary>
public static class SupervisionSetup
{
    /// <summary>Adds the <c>supervisionOwner</c> assignment strategy (the activities themselves are found by the registry).</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IAssignmentStrategy, SupervisionOwnerStrategy>();
    }
}

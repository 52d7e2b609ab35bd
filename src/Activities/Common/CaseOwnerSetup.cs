using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Common;

/// <summary>Registers the 首办负责制 assignment strategies (<c>caseOwner</c>, <c>caseOwnerChief</c>).</summary>
public static class CaseOwnerSetup
{
    /// <summary>Adds the strategies once, however many areas ask for them.</summary>
    public static void Add(IServiceCollection services)
    {
        if (services.Any(d => d.ImplementationType == typeof(CaseOwnerStrategy))) return;
        services.AddSingleton<IAssignmentStrategy, CaseOwnerStrategy>();
        services.AddSingleton<IAssignmentStrategy, CaseOwnerChiefStrategy>();
    }
}

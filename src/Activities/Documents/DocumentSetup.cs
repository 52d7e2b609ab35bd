using Approvals.Activities.Common;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Documents;

/// <summary>Registers what the Documents activities need.</summary>
public static class DocumentSetup
{
    /// <summary>Adds the assignment strategies of 公文签发: <c>sectionChiefs</c> (会签) and the case-owner ones (首办负责制).</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IAssignmentStrategy, SectionChiefsStrategy>();
        CaseOwnerSetup.Add(services);
    }
}

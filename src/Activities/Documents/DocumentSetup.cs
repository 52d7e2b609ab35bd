using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Documents;

/// <summary>Registers what the Documents activities need.</summary>
public static class DocumentSetup
{
    public static void Add(IServiceCollection services)
    {
    }
}

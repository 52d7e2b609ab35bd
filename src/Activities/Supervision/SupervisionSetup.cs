using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Supervision;

/// <summary>Registers what the Supervision activities need.</summary>
public static class SupervisionSetup
{
    public static void Add(IServiceCollection services)
    {
    }
}

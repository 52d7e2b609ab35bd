using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>Registers what the Leave activities need.</summary>
public static class LeaveSetup
{
    public static void Add(IServiceCollection services)
    {
    }
}

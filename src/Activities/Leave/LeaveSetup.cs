using Approvals.Activities.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Leave;

/// <summary>Registers what the Leave activities need: the monthly leave statistics for HR.</summary>
public static class LeaveSetup
{
    /// <summary>Adds <see cref="LeaveMonthlyReport"/>, also as an <see cref="IMonthlyReport"/> (key <c>leave</c>).</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<LeaveMonthlyReport>();
        services.AddSingleton<IMonthlyReport>(sp => sp.GetRequiredService<LeaveMonthlyReport>());
    }
}

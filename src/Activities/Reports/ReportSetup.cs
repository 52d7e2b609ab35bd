using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities.Reports;

/// <summary>Registers what the Reports activities need.</summary>
public static class ReportSetup
{
    public static void Add(IServiceCollection services)
    {
    }
}

using Approvals.Activities.Assets;
using Approvals.Activities.Documents;
using Approvals.Activities.Leave;
using Approvals.Activities.Reports;
using Approvals.Activities.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Activities;

/// <summary>Registers the services the office-rule activities need (the activities themselves are found by the registry).</summary>
public static class OfficeActivities
{
    public static IServiceCollection AddOfficeActivities(this IServiceCollection services)
    {
        LeaveSetup.Add(services);
        AssetSetup.Add(services);
        DocumentSetup.Add(services);
        SupervisionSetup.Add(services);
        ReportSetup.Add(services);
        return services;
    }
}

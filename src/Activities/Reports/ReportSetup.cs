using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Approvals.Activities.Reports;

/// <summary>Registers what the Reports activities need.</summary>
public static class ReportSetup
{
    /// <summary>
    /// Adds the overdue report (<c>overdue</c>), the publisher used by the API and the schedule, the monthly
    /// schedule as a hosted service, and the retry settings of <see cref="WeComReport"/> (unless set already).
    /// </summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IMonthlyReport, OverdueMonthlyReport>();
        services.TryAddSingleton(new WeComReportOptions());
        services.AddSingleton<MonthlyReportPublisher>();
        services.AddSingleton<MonthlyReportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MonthlyReportWorker>());
    }
}

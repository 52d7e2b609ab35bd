using System.Reflection;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Timers;
using Approvals.Workflows.Organization;
using Approvals.Workflows.Tasks;
using Approvals.Workflows.Tasks.Assignment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Approvals.Workflows;

/// <summary>Registers the engine in a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: storage, definitions, runtime, expressions, timers. Activities are found in this
    /// assembly and in <paramref name="activityAssemblies"/>. The timer worker is registered as a hosted
    /// service; tests may call <see cref="TimerDispatcher.RunDueAsync"/> directly instead.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, StorageOptions storage,
        WorkflowEngineOptions? options = null, params Assembly[] activityAssemblies)
    {
        options ??= new WorkflowEngineOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(storage);
        services.AddSingleton<ApprovalsDb>();
        services.AddSingleton(new ActivityRegistry([typeof(Activity).Assembly, .. activityAssemblies]));
        // A factory, so the container disposes it (and stops its evaluation threads) with itself.
        services.AddSingleton<IExpressionEvaluator>(_ => new JintExpressionEvaluator(options.Expressions));
        services.AddSingleton<WorkflowValidator>();
        services.AddSingleton<WorkflowDefinitions>();
        services.AddSingleton<IWorkflowDefinitions>(sp => sp.GetRequiredService<WorkflowDefinitions>());
        services.AddSingleton<WorkflowFileLoader>();
        services.AddSingleton<IWorkflowRuntime, WorkflowRuntime>();
        services.AddSingleton<TimerDispatcher>();
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<OrgImporter>();
        services.AddSingleton<IOrganization>(sp => sp.GetRequiredService<OrganizationService>());
        services.AddHostedService<TimerWorker>();
        services.AddSingleton<CaseAccess>();
        services.AddSingleton<ITaskInbox, TaskInbox>();
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetService<Calendar.IBusinessCalendar>()));
        services.AddSingleton<AssignmentStrategyRegistry>();
        return services;
    }
}

using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Startup;

/// <summary>What runs before the host takes requests: schema migration, then loading <c>workflows/*.json</c>.</summary>
public sealed class StartupTasks(ApprovalsDb db, WorkflowFileLoader loader, HostPaths paths, ILogger<StartupTasks> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await db.MigrateAsync(ct);
        log.LogInformation("Database ready ({Provider})", db.Options.Provider);
        await loader.LoadDirectoryAsync(paths.Workflows, ct);
    }
}

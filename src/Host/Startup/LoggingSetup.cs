using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.File;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Startup;

/// <summary>Serilog: console plus a rolling JSON file; the workflow instance id rides on every line written inside a burst.</summary>
public static class LoggingSetup
{
    public static void AddApprovalsLogging(this WebApplicationBuilder builder, HostPaths paths)
    {
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {WorkflowInstanceId}{NewLine}{Exception}")
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(paths.Logs, "approvals-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                hooks: paths.LogsUnderData ? new OwnerOnlyLogFiles() : null));
    }

    /// <summary>Log files under the data folder are owner-only (600) like everything else there.</summary>
    private sealed class OwnerOnlyLogFiles : FileLifecycleHooks
    {
        public override Stream OnFileOpened(string path, Stream underlyingStream, System.Text.Encoding encoding)
        {
            PrivateFiles.NarrowFile(path);
            return underlyingStream;
        }
    }
}

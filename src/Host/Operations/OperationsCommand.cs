using Approvals.Host.Startup;

namespace Approvals.Host.Operations;

/// <summary>
/// <c>Approvals.Host backup --to DIR</c> and <c>Approvals.Host restore --from DIR</c>, dispatched by Program.cs before the
/// web host starts. The configuration is built as the host builds it (appsettings, environment, the remaining command-line
/// arguments), so both find the folders the host uses. Exit codes: 0 done, 1 refused, 2 wrong usage.
/// </summary>
public static class OperationsCommand
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "backup" or "restore";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var command = args[0];
        var builder = WebApplication.CreateBuilder(HostStart.Options(args[1..]));
        var option = command == "backup" ? "to" : "from";
        var folder = builder.Configuration[option];
        if (string.IsNullOrWhiteSpace(folder))
        {
            error.WriteLine($"用法 / Usage: Approvals.Host {command} --{option} DIR");
            return 2;
        }
        var target = OperationsTarget.From(builder.Configuration, HostPaths.From(builder.Configuration, builder.Environment));
        try
        {
            if (command == "backup")
            {
                if (target.Storage.IsPostgres) output.WriteLine("数据库为 PostgreSQL，使用 pg_dump 备份。 / The database is PostgreSQL: pg_dump makes its backup.");
                var manifest = DataBackup.Run(target, folder, TimeProvider.System);
                output.WriteLine($"备份完成 / Backup written: {Path.GetFullPath(folder)} ({manifest.Files.Count} files, schema {manifest.Schema ?? "-"})");
            }
            else
            {
                var manifest = DataRestore.Run(target, folder);
                output.WriteLine($"恢复完成 / Restored {Path.GetFullPath(folder)} (taken {manifest.CreatedAt:u}) into {target.Paths.Data}");
            }
            return 0;
        }
        catch (OperationRefused refused)
        {
            error.WriteLine(refused.Message);
            return 1;
        }
    }
}

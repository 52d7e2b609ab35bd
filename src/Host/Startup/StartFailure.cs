using System.Reflection;
using Serilog;
using Serilog.Formatting.Compact;

namespace Approvals.Host.Startup;

/// <summary>
/// A host that cannot start says why where the operator looks: the log file (the same rolling file the running host writes)
/// as well as the console, and the process ends with exit code 1 rather than an abort.
/// </summary>
public static class StartFailure
{
    /// <summary>
    /// Writes the failure; true when the process should end with exit code 1 here, false when the host runs inside a test
    /// harness (not its own entry point), which must see the exception itself.
    /// </summary>
    public static bool Report(Exception error, string? logsFolder)
    {
        var message = error is SchemaRefusedException ? error.Message : $"{error.GetType().Name}: {error.Message}";
        Console.Error.WriteLine($"启动失败 / The host could not start: {message}");
        if (logsFolder is not null)
        {
            try
            {
                Directory.CreateDirectory(logsFolder);
                using var log = new LoggerConfiguration()
                    .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logsFolder, "approvals-.json"), rollingInterval: RollingInterval.Day)
                    .CreateLogger();
                log.Fatal(error is SchemaRefusedException ? null : error, "The host could not start: {Reason}", message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or unwritable log disk: the console line above is all there is.
                Console.Error.WriteLine($"(the log file could not be written either: {e.Message})");
            }
        }
        return Assembly.GetEntryAssembly() == typeof(StartFailure).Assembly;
    }
}

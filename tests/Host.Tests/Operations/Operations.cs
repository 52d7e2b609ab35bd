using Approvals.Host.Operations;

namespace Approvals.Host.Tests.Operations;

/// <summary>The <c>backup</c> / <c>restore</c> commands run in-process with a host folder's settings as command-line arguments.</summary>
public static class Operations
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(HostFolder folder, params string[] command)
    {
        var settings = HostFactory.On(folder).Settings().Select(s => $"--{s.Key}={s.Value}");
        using var output = new StringWriter();
        using var error = new StringWriter();
        // The command's own arguments last, so a test can override a setting.
        var exit = OperationsCommand.Run([command[0], .. settings, .. command[1..]], output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }

    public static Result Backup(HostFolder folder, string to) => Run(folder, "backup", "--to", to);

    public static Result Restore(HostFolder folder, string from) => Run(folder, "restore", "--from", from);

    /// <summary>A new empty folder under the system temp folder, for a backup.</summary>
    public static string NewBackupFolder() => Path.Combine(Path.GetTempPath(), "approvals-host-tests", "backup-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every file under a folder by relative path with its bytes (for "nothing changed" and "byte-identical").</summary>
    public static SortedDictionary<string, string> Snapshot(string folder) =>
        Directory.Exists(folder) ? BackupManifest.Checksums(folder) : [];
}

/// <summary>The demo office host on a folder someone else owns (a restored one): the leave flow and users as in <see cref="Tasks.OfficeHost"/>.</summary>
public sealed class OfficeHostOn(HostFolder folder) : HostFactory(folder, ownsFolder: false)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Attachments:MaxBytes", Tasks.OfficeHost.MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient As(string user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(ActingUserHeader);
        client.DefaultRequestHeaders.Add(ActingUserHeader, user);
        return client;
    }
}

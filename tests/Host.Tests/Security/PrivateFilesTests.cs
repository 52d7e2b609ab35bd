using Approvals.Host.Tests.Tasks;
using Microsoft.AspNetCore.Hosting;
using static Approvals.Host.Tests.Api;

namespace Approvals.Host.Tests.Security;

/// <summary>
/// The host as deployed: the SQLite database in the data folder (no connection string) and the logs under it too.
/// The folder starts out world-readable (755, as a fresh <see cref="HostFolder"/> makes it) with a world-readable
/// attachment in it, as an older version left them.
/// </summary>
public sealed class DataFolderHost : HostFactory
{
    public DataFolderHost()
    {
        // An attachment an older version stored world-readable.
        Directory.CreateDirectory(Path.Combine(Folder.Data, "attachments"));
        File.WriteAllText(LegacyAttachment, "%PDF-1.4 old");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(LegacyAttachment, File.GetUnixFileMode(LegacyAttachment) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string DataLogs => Path.Combine(Folder.Data, "logs");

    public string LegacyAttachment => Path.Combine(Folder.Data, "attachments", "0123456789abcdef0123456789abcdef");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:ConnectionString", "");
        builder.UseSetting("Paths:Logs", DataLogs);
    }
}

/// <summary>
/// Nothing the host keeps is readable by other accounts on the machine: under the data folder every file is 600 and
/// every folder 700: the SQLite database and its -wal/-shm, the attachments folder and each attachment, the
/// data-protection keys and the log files kept there. Linux and macOS (Unix modes); skipped on Windows.
/// </summary>
public sealed class PrivateFilesTests(DataFolderHost host) : IClassFixture<DataFolderHost>
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task The_database_attachments_keys_and_logs_under_the_data_folder_are_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        var admin = host.CreateClient();
        var instance = await admin.StartSampleAsync(NewDocNo());
        var upload = await (await admin.UploadAsync((string)instance["id"]!, "证明.pdf", Uploads.Pdf())).JsonAsync();
        var data = host.Folder.Data;

        Assert.Equal(OwnerFolder, File.GetUnixFileMode(data));
        var database = Path.Combine(data, "approvals.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            Assert.Equal((file, OwnerFile), (file, File.GetUnixFileMode(file)));
        var attachments = Path.Combine(data, "attachments");
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(attachments));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(attachments, (string)upload["id"]!)));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(host.LegacyAttachment));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(data, "keys")));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(host.DataLogs));
        Assert.NotEmpty(Directory.GetFiles(host.DataLogs));

        // And everything else in there, whoever wrote it (data-protection keys, sign-in keys, log files).
        var all = new EnumerationOptions { RecurseSubdirectories = true };
        Assert.All(Directory.GetDirectories(data, "*", all), d => Assert.Equal((Path.GetRelativePath(data, d), OwnerFolder), (Path.GetRelativePath(data, d), File.GetUnixFileMode(d))));
        Assert.All(Directory.GetFiles(data, "*", all), f => Assert.Equal((Path.GetRelativePath(data, f), OwnerFile), (Path.GetRelativePath(data, f), File.GetUnixFileMode(f))));
    }
}

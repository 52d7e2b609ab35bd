using Approvals.Host.Operations;
using Approvals.Host.Tests.Tasks;
using Microsoft.Data.Sqlite;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Operations;

/// <summary>
/// <c>restore</c> proves a backup whole before it replaces anything: a changed byte, a wrong count, a schema newer than
/// the binary, a host still running on the folder are refused with exit code 1 and a message, and nothing changes.
/// </summary>
public sealed class RestoreRefusalTests(OfficeHost host) : IClassFixture<OfficeHost>, IDisposable
{
    private readonly List<string> _folders = [];

    [Fact]
    public async Task A_changed_byte_in_a_backed_up_file_is_refused_and_changes_nothing()
    {
        var backup = await BackupWithAttachmentAsync();
        var attachment = Directory.GetFiles(Path.Combine(backup, "attachments")).First();
        var bytes = await File.ReadAllBytesAsync(attachment, Api.Ct);
        bytes[bytes.Length / 2] ^= 1;
        await File.WriteAllBytesAsync(attachment, bytes, Api.Ct);

        AssertRefusedAndUnchanged(backup, "checksum");
    }

    [Fact]
    public async Task A_changed_database_file_is_refused_and_changes_nothing()
    {
        var backup = await BackupWithAttachmentAsync();
        using (var db = new FileStream(Path.Combine(backup, BackupManifest.DatabaseFile), FileMode.Open, FileAccess.ReadWrite))
        {
            db.Seek(-1, SeekOrigin.End);
            var last = db.ReadByte();
            db.Seek(-1, SeekOrigin.End);
            db.WriteByte((byte)(last ^ 1));
        }
        AssertRefusedAndUnchanged(backup, "checksum");
    }

    [Fact]
    public async Task A_count_that_does_not_match_the_database_is_refused()
    {
        var backup = await BackupWithAttachmentAsync();
        var manifest = BackupManifest.Read(backup)!;
        manifest.Counts["instances"] += 1;
        await File.WriteAllTextAsync(Path.Combine(backup, BackupManifest.FileName), manifest.ToJson(), Api.Ct);

        AssertRefusedAndUnchanged(backup, "rows");
    }

    [Fact]
    public async Task A_schema_newer_than_the_binary_is_refused_even_with_a_consistent_manifest()
    {
        var backup = await BackupWithAttachmentAsync();
        const string future = "99991231000000_FromANewerVersion";
        var file = Path.Combine(backup, BackupManifest.DatabaseFile);
        using (var db = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            db.Open();
            using var insert = db.CreateCommand();
            insert.CommandText = $"INSERT INTO \"{SqliteSnapshot.EngineHistory}\" (MigrationId, ProductVersion) VALUES ('{future}', '99.0.0')";
            insert.ExecuteNonQuery();
        }
        // A manifest that agrees with the changed database: only the schema check can refuse it.
        var old = BackupManifest.Read(backup)!;
        using (var db = SqliteSnapshot.OpenReadOnly(file))
        {
            var manifest = old with { Schema = future, Counts = SqliteSnapshot.Counts(db), Files = BackupManifest.Checksums(backup) };
            await File.WriteAllTextAsync(Path.Combine(backup, BackupManifest.FileName), manifest.ToJson(), Api.Ct);
        }

        AssertRefusedAndUnchanged(backup, "newer");
    }

    [Fact]
    public async Task Restore_is_refused_while_a_host_runs_on_the_data_folder()
    {
        var backup = await BackupWithAttachmentAsync();
        var keys = Operations.Snapshot(Path.Combine(host.Folder.Data, "keys"));
        var attachments = Operations.Snapshot(host.AttachmentsFolder);
        var existing = await host.As(Staff).StartLeaveAsync("恢复前的申请");

        var result = Operations.Restore(host.Folder, backup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Stop it before restoring", result.Error);
        Assert.Equal(keys, Operations.Snapshot(Path.Combine(host.Folder.Data, "keys")));
        Assert.Equal(attachments, Operations.Snapshot(host.AttachmentsFolder));
        Assert.Equal(existing, (string?)(await host.As(Staff).CaseAsync(existing))["case"]!["instanceId"]);
    }

    [Fact]
    public async Task A_folder_without_a_manifest_and_a_missing_folder_option_are_refused()
    {
        var empty = NewFolder();
        Directory.CreateDirectory(empty);
        using var target = HostFolder.Create();
        var refused = Operations.Restore(target, empty);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not a backup folder", refused.Error);

        var usage = Operations.Run(target, "backup");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("backup --to DIR", usage.Error);

        // A backup never writes into a folder that already holds something (an older backup).
        var backup = await BackupWithAttachmentAsync();
        var again = Operations.Backup(host.Folder, backup);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not empty", again.Error);
    }

    [Fact]
    public void With_PostgreSQL_backup_says_pg_dump_is_used_and_refuses_when_pg_dump_is_missing_or_fails()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "pg_dump")) || File.Exists(Path.Combine(dir, "pg_dump.exe")));
        using var target = HostFolder.Create();
        // Port 1: no server listens there, so an installed pg_dump fails at once.
        var result = Operations.Run(target, "backup", "--to", NewFolder(), "--Storage:Provider=Postgres",
            "--Storage:ConnectionString=Host=127.0.0.1;Port=1;Database=approvals;Username=approvals");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pg_dump makes its backup", result.Output);
        Assert.Contains(onPath ? "pg_dump failed" : "not on PATH", result.Error);
    }

    /// <summary>The refusal, and a restore target (with a database, an attachment and keys of its own) left as it was.</summary>
    private void AssertRefusedAndUnchanged(string backup, string reason)
    {
        using var target = HostFolder.Create();
        File.WriteAllText(target.DatabaseFile, "the database that must survive");
        Directory.CreateDirectory(Path.Combine(target.Data, "attachments"));
        File.WriteAllText(Path.Combine(target.Data, "attachments", "a1"), "an attachment that must survive");
        Directory.CreateDirectory(Path.Combine(target.Data, "keys"));
        File.WriteAllText(Path.Combine(target.Data, "keys", "k1"), "a key that must survive");
        var before = Operations.Snapshot(target.Root);

        var result = Operations.Restore(target, backup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.Contains("Nothing was changed", result.Error);
        Assert.Equal(before, Operations.Snapshot(target.Root));
    }

    private async Task<string> BackupWithAttachmentAsync()
    {
        var staff = host.As(Staff);
        var id = await staff.StartLeaveAsync("有附件");
        (await staff.UploadAsync(id, "证明.pdf", Uploads.Pdf())).EnsureSuccessStatusCode();
        var folder = NewFolder();
        var result = Operations.Backup(host.Folder, folder);
        Assert.True(result.ExitCode == 0, result.Error);
        return folder;
    }

    private string NewFolder()
    {
        var folder = Operations.NewBackupFolder();
        _folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

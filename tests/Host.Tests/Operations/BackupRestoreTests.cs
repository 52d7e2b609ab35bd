using System.Collections.Concurrent;
using Approvals.Host.Operations;
using Approvals.Host.Tests.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.Api;
using static Approvals.Host.Tests.Tasks.OfficeHost;

namespace Approvals.Host.Tests.Operations;

/// <summary>
/// <c>backup</c> taken while requests are being started and approved, restored into a fresh folder that a new host
/// then runs on: every case acknowledged before the backup began is there, approvals included, the attachment's bytes
/// and the keys (data protection and sign-in) are the same.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_under_load_restores_every_acknowledged_case_the_attachment_and_the_keys()
    {
        var backup = NewBackupFolder();
        using var fresh = HostFolder.Create();
        string attachmentId, protectedText;
        byte[] pdf = Uploads.Pdf();
        List<string> acknowledged;
        List<string> approved;
        SortedDictionary<string, string> keys;
        await using (var host = new OfficeHost())
        {
            var staff = host.As(Staff);
            var chief = host.As(StaffChief);
            var withFile = await staff.StartLeaveAsync("带附件");
            attachmentId = (string)(await (await staff.UploadAsync(withFile, "证明.pdf", pdf)).JsonAsync())["id"]!;
            protectedText = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("backup-test").Protect("会话");

            var started = new ConcurrentQueue<string>([withFile]);
            var approvedQueue = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            async Task Starter(int n)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                    started.Enqueue(await staff.StartLeaveAsync($"事由 {n}-{i}"));
            }
            async Task Approver()
            {
                while (!stop.IsCancellationRequested)
                {
                    var todo = await chief.GetJsonAsync("/api/tasks/todo?pageSize=5");
                    foreach (var task in todo["items"].Items())
                    {
                        var response = await chief.ActAsync((string)task["id"]!, "approve");
                        if (response.IsSuccessStatusCode) approvedQueue.Enqueue((string)task["instanceId"]!);
                    }
                }
            }
            var writers = new[] { Starter(1), Starter(2), Approver() };
            // Let the writers get going, so the backup runs between commits, not before the first one.
            while (started.Count < 6 || approvedQueue.IsEmpty) await Task.Delay(20, Ct);

            acknowledged = [.. started];
            approved = [.. approvedQueue];
            var result = await Task.Run(() => Operations.Backup(host.Folder, backup), Ct);
            var afterBackup = started.Count;
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.True(afterBackup > acknowledged.Count, "writers kept committing while the backup ran"); // not a timing: a count of commits
            keys = Operations.Snapshot(Path.Combine(host.Folder.Data, "keys"));
            File.Copy(host.Folder.WorkflowFile(LeaveFlowId + ".json"), fresh.WorkflowFile(LeaveFlowId + ".json"));
        }

        var manifest = BackupManifest.Read(backup)!;
        Assert.Equal(DataBackup.ProductVersion, manifest.ProductVersion);
        Assert.Equal(DataRestore.KnownMigrations().Max(StringComparer.Ordinal), manifest.Schema);
        Assert.True(manifest.Counts["instances"] >= acknowledged.Count);
        Assert.Equal(1, manifest.Counts["attachments"]);
        Assert.Contains($"attachments/{attachmentId}", manifest.Files.Keys);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFilesMode.Folder, File.GetUnixFileMode(backup));
            Assert.All(Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories), f => Assert.Equal(PrivateFilesMode.File, File.GetUnixFileMode(f)));
        }

        var restored = Operations.Restore(fresh, backup);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Equal(keys, Operations.Snapshot(Path.Combine(fresh.Data, "keys")));

        await using (var host = new OfficeHostOn(fresh))
        {
            var staff = host.As(Staff);
            foreach (var id in acknowledged)
                Assert.Equal(id, (string?)(await staff.CaseAsync(id))["case"]!["instanceId"]);
            foreach (var id in approved)
                Assert.Equal("Approved", (string?)(await staff.CaseAsync(id))["case"]!["result"]);
            var download = await host.As(StaffChief).GetAsync($"/api/attachments/{attachmentId}", Ct);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
            // A cookie or antiforgery token protected before the backup still opens: the key ring came back.
            Assert.Equal("会话", host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("backup-test").Unprotect(protectedText));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(backup, recursive: true);
    }

    private static string NewBackupFolder() => Operations.NewBackupFolder();
}

/// <summary>The owner-only modes as <see cref="Workflows.Persistence.PrivateFiles"/> sets them.</summary>
internal static class PrivateFilesMode
{
    public const UnixFileMode File = Workflows.Persistence.PrivateFiles.OwnerFile;
    public const UnixFileMode Folder = Workflows.Persistence.PrivateFiles.OwnerFolder;
}

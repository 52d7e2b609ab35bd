using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// Files attached to cases. The bytes live in <see cref="Folder"/>, each file named by its attachment id
/// (never by the name the user gave, which is only a label); the row records the display name, size and
/// SHA-256. Only the case's participants (<see cref="CaseAccess.CanSeeCaseAsync"/>) may attach, list or
/// download; to anyone else the case and its files do not exist.
/// </summary>
public sealed class AttachmentStore(ApprovalsDb db, CaseAccess access, string folder, AttachmentOptions? options = null, TimeProvider? clock = null,
    AttachmentFiles? files = null)
{
    private readonly AttachmentFiles _files = files ?? new AttachmentFiles();
    private const int BufferSize = 81920;
    private const string PartialSuffix = ".part";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The folder holding the files (the host uses <c>&lt;Paths:Data&gt;/attachments</c>).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The limits in force.</summary>
    public AttachmentOptions Options { get; } = options?.MaxBytes <= 0
        ? throw new ArgumentOutOfRangeException(nameof(options), "Attachments:MaxBytes must be positive.")
        : options ?? new AttachmentOptions();

    /// <summary>
    /// Stores <paramref name="content"/> as an attachment of the case, optionally at one of its tasks, and records
    /// "Attached" on the timeline. The file is written under a temporary name and moved into place when complete;
    /// the row is added only then, so a failed or refused upload leaves neither a partial file nor a row.
    /// </summary>
    public async Task<Attachment> AddAsync(string instanceId, string? taskId, Actor actor, string fileName, Stream content, CancellationToken ct = default)
    {
        // The case and the task are checked before a byte is written.
        var (instance, task) = await FindTargetAsync(instanceId, taskId, actor, ct);
        var staged = await StageAsync(fileName, content, ct);
        return await AttachStagedAsync(instance, task, actor, staged, ct);
    }

    /// <summary>
    /// Writes a file to the attachment folder under a temporary name, checking its name, type and size, without a case yet.
    /// Give it to <see cref="AddStagedAsync"/> once the case exists, or to <see cref="Discard"/>.
    /// </summary>
    public async Task<StagedAttachment> StageAsync(string fileName, Stream content, CancellationToken ct = default)
    {
        var name = AttachmentFileName.Sanitize(fileName);
        if (name.Length == 0) throw ApprovalException.Invalid("file-name-missing", "文件缺少文件名", "the file has no name");
        var extension = AttachmentFileName.ExtensionOf(name);
        if (!Options.Extensions.Contains(extension)) throw TypeNotAllowed(extension);

        // Owner-only folder and files (700/600): attachments are nobody else's business on the machine.
        PrivateFiles.Folder(Folder);
        var id = Guid.NewGuid().ToString("N");
        var partial = PathOf(id) + PartialSuffix;
        var (size, sha256) = await WriteAsync(content, partial, ct);
        return new StagedAttachment(id, name, extension, size, sha256, partial);
    }

    /// <summary>Makes a staged file an attachment of the case (moved into place, then its row and the "Attached" entry).</summary>
    public async Task<Attachment> AddStagedAsync(string instanceId, string? taskId, Actor actor, StagedAttachment staged, CancellationToken ct = default)
    {
        var (instance, task) = await FindTargetAsync(instanceId, taskId, actor, ct);
        return await AttachStagedAsync(instance, task, actor, staged, ct);
    }

    /// <summary>Removes a staged file that will not become an attachment.</summary>
    public static void Discard(StagedAttachment staged) => TryDelete(staged.PartialPath);

    private async Task<(WorkflowInstance Instance, HumanTask? Task)> FindTargetAsync(string instanceId, string? taskId, Actor actor, CancellationToken ct)
    {
        var instance = await FindCaseAsync(instanceId, actor, ct);
        HumanTask? task = null;
        if (!string.IsNullOrEmpty(taskId))
        {
            await using var ctx = db.Create();
            task = await ctx.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.InstanceId == instance.Id, ct);
            if (task is null || !await access.CanSeeTaskAsync(task, actor, ct)) throw TaskMessages.NotFound();
        }
        return (instance, task);
    }

    private async Task<Attachment> AttachStagedAsync(WorkflowInstance instance, HumanTask? task, Actor actor, StagedAttachment staged, CancellationToken ct)
    {
        var path = PathOf(staged.Id);
        try
        {
            File.Move(staged.PartialPath, path);
        }
        catch
        {
            TryDelete(staged.PartialPath);
            throw;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var attachment = new Attachment
        {
            Id = staged.Id, InstanceId = instance.Id, TaskId = task?.Id, FileName = staged.FileName, ContentType = AttachmentContentTypes.For(staged.Extension),
            Size = staged.Size, Sha256 = staged.Sha256, UploadedBy = actor.Id, UploadedAt = now,
        };
        try
        {
            await using var ctx = db.Create();
            ctx.Attachments.Add(attachment);
            ctx.History.Add(new CaseHistory
            {
                InstanceId = instance.Id, TaskId = task?.Id, ActivityId = task?.ActivityId, At = now, ActorId = actor.Id, Action = "Attached", Comment = staged.FileName,
            });
            await ctx.SaveChangesAsync(ct);
        }
        catch
        {
            // No row points at the file: it must not stay behind as an orphan.
            TryDelete(path);
            throw;
        }
        return attachment;
    }

    /// <summary>An attachment and its bytes (the caller disposes the stream); not found for non-participants.</summary>
    public async Task<(Attachment Attachment, Stream Content)> OpenAsync(string attachmentId, Actor actor, CancellationToken ct = default)
    {
        Attachment? attachment;
        await using (var ctx = db.Create())
            attachment = await ctx.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) throw NotFound();
        await FindCaseAsync(attachment.InstanceId, actor, ct, NotFound);
        try
        {
            var stream = new FileStream(PathOf(attachment.Id), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return (attachment, stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ApprovalException.NotFound("attachment-file-missing", "附件文件已不存在，请联系管理员", "the attachment's file is missing; please contact an administrator");
        }
    }

    /// <summary>The attachments of a case in upload order; not found for non-participants.</summary>
    public async Task<IReadOnlyList<Attachment>> ListAsync(string instanceId, Actor actor, CancellationToken ct = default)
    {
        await FindCaseAsync(instanceId, actor, ct);
        await using var ctx = db.Create();
        return await ctx.Attachments.AsNoTracking().Where(a => a.InstanceId == instanceId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Copies the upload to the temporary file <paramref name="partial"/>, hashing and counting as it goes.</summary>
    private async Task<(long Size, string Sha256)> WriteAsync(Stream content, string partial, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = _files.CreateNew(partial, BufferSize))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
                {
                    size += read;
                    // Checked while reading: a client's announced length is not to be trusted either.
                    if (size > Options.MaxBytes) throw TooLarge(Options.MaxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (size == 0) throw ApprovalException.Invalid("file-empty", "文件是空的", "the file is empty");
                // On disk before the row that points at it is written.
                if (file is FileStream disk) disk.Flush(flushToDisk: true);
                else await file.FlushAsync(ct);
            }
            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The case when the actor takes part in it; otherwise not found, so ids cannot be probed.</summary>
    private async Task<WorkflowInstance> FindCaseAsync(string instanceId, Actor actor, CancellationToken ct, Func<ApprovalException>? notFound = null)
    {
        await using var ctx = db.Create();
        var instance = await ctx.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null || !await access.CanSeeCaseAsync(instance, actor, ct))
            throw notFound?.Invoke() ?? ApprovalException.NotFound("case-not-found", "申请不存在或您无权查看", "the request does not exist or is not yours to see");
        return instance;
    }

    private string PathOf(string id) => Path.Combine(Folder, id);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* best effort; the caller's error matters more */ }
        catch (UnauthorizedAccessException) { }
    }

    private static ApprovalException NotFound() =>
        ApprovalException.NotFound("attachment-not-found", "附件不存在或您无权查看", "the attachment does not exist or is not yours to see");

    /// <summary>400 for a file over the limit, naming the limit.</summary>
    public static ApprovalException TooLarge(long maxBytes)
    {
        var (zh, en) = SizeText(maxBytes);
        return ApprovalException.Invalid("file-too-large", $"文件超过大小限制（最大 {zh}）", $"the file is larger than the limit of {en}");
    }

    private ApprovalException TypeNotAllowed(string extension)
    {
        var allowed = string.Join(", ", Options.Extensions.Order(StringComparer.Ordinal));
        return extension.Length == 0
            ? ApprovalException.Invalid("file-type-not-allowed", $"文件没有扩展名，无法判断类型；允许的类型：{allowed}", $"the file has no extension, so its type is unknown; allowed: {allowed}")
            : ApprovalException.Invalid("file-type-not-allowed", $"不允许上传 .{extension} 文件；允许的类型：{allowed}", $".{extension} files are not allowed; allowed: {allowed}");
    }

    private static (string Zh, string En) SizeText(long bytes)
    {
        string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        return bytes switch
        {
            >= 1024 * 1024 => ($"{Number(bytes / 1024d / 1024d)} MB", $"{Number(bytes / 1024d / 1024d)} MB"),
            >= 1024 => ($"{Number(bytes / 1024d)} KB", $"{Number(bytes / 1024d)} KB"),
            _ => ($"{bytes} 字节", $"{bytes} bytes"),
        };
    }
}

using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Tasks;

/// <summary>
/// How the attachment store opens a new file on disk. The one seam where a test puts a full disk (an <see cref="IOException"/>
/// with the ENOSPC HResult part-way through a write) under the real store.
/// </summary>
public class AttachmentFiles
{
    /// <summary>A new owner-only file at <paramref name="path"/>, for writing.</summary>
    public virtual Stream CreateNew(string path, int bufferSize) =>
        new FileStream(path, PrivateFiles.NewFile(bufferSize, FileOptions.Asynchronous));
}

/// <summary>
/// A file written to the attachment folder but not yet part of a case (<see cref="AttachmentStore.StageAsync"/>): a form's files
/// are staged before its case starts, so a disk that cannot take them stops the start instead of leaving a case without them.
/// </summary>
public sealed record StagedAttachment(string Id, string FileName, string Extension, long Size, string Sha256, string PartialPath);

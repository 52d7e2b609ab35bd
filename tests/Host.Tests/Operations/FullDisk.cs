using Approvals.Workflows.Tasks;

namespace Approvals.Host.Tests.Operations;

/// <summary>
/// The attachment store's real file seam with a disk that can fill: while <see cref="Full"/> is set, a write fails part-way
/// with the IOException the runtime raises for ENOSPC (HResult 28), after the file was created — as a full disk does.
/// </summary>
public sealed class FullDisk : AttachmentFiles
{
    public volatile bool Full;

    public override Stream CreateNew(string path, int bufferSize)
    {
        var file = base.CreateNew(path, bufferSize);
        return Full ? new NoSpaceStream(file) : file;
    }

    private sealed class NoSpaceStream(Stream inner) : Stream
    {
        private static IOException NoSpace() => new("No space left on device", 28);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw NoSpace();
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => throw NoSpace();
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => throw NoSpace();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

namespace Approvals.Host.Api.Attachments;

/// <summary>
/// A read-only view of a request body that throws <paramref name="tooLarge"/> once more than <paramref name="limit"/>
/// bytes have been read. The server's own cap answers with its own 413 (and not every server has one), and the
/// multipart reader's says only that the data is invalid; this one fails with the API's message, whatever the
/// client announced or left out.
/// </summary>
public sealed class BodyLimitStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw tooLarge() : read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

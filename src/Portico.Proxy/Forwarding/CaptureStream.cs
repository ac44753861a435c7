namespace Portico.Proxy.Forwarding;

/// <summary>
/// Wraps a request body and keeps a copy of what is read, up to a limit, for RequestMirror. Reading is unchanged
/// for the primary call; past the limit the copy is abandoned (the mirror is skipped, never the call).
/// </summary>
internal sealed class CaptureStream(Stream inner, int limit) : Stream
{
    private MemoryStream? _copy = new();

    /// <summary>The whole body, or null when it exceeded the limit.</summary>
    public byte[]? Captured => _copy?.ToArray();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Keep(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Keeps a copy of <paramref name="data"/> (the direct forwarding path feeds it without a stream).</summary>
    internal int Keep(ReadOnlySpan<byte> data)
    {
        if (_copy is not null)
        {
            if (_copy.Length + data.Length > limit)
            {
                _copy = null;
            }
            else
            {
                _copy.Write(data);
            }
        }

        return data.Length;
    }
}

namespace Portico.Proxy.Forwarding;

/// <summary>
/// When the own gRPC paths (<see cref="GrpcForwarder"/>, <see cref="H2GrpcForwarder"/>) flush a response they copy
/// into Kestrel's pipe: only before the proxy would wait on the backend, and only when something was written since
/// the last flush (the response headers count, so they leave before the first wait: yarp#2520); and after
/// <see cref="MaxUnflushed"/> bytes anyway, so the client's flow control pushes back on a fast backend. A mutable
/// struct: keep it in a local and call it there.
/// </summary>
internal struct DownstreamFlushRule
{
    /// <summary>Size asked of the response pipe per read (Kestrel's pool hands out 4 KiB blocks).</summary>
    public const int ReadSize = 4096;

    /// <summary>Unflushed response bytes after which the copy flushes anyway.</summary>
    private const int MaxUnflushed = 64 * 1024;

    private bool _flushed; // false at first: the response headers are owed
    private int _unflushed;

    /// <summary>The copy is about to wait on the backend: true when it must flush first.</summary>
    public bool BeforeWait()
    {
        if (_flushed)
        {
            return false;
        }

        _flushed = true;
        _unflushed = 0;
        return true;
    }

    /// <summary><paramref name="bytes"/> were written to the pipe: true when the copy must flush now.</summary>
    public bool Wrote(int bytes)
    {
        _flushed = false;
        _unflushed += bytes;
        if (_unflushed < MaxUnflushed)
        {
            return false;
        }

        _flushed = true;
        _unflushed = 0;
        return true;
    }
}

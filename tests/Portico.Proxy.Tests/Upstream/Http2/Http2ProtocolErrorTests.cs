using System.Buffers.Binary;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>Portico's h2c client against a scripted peer sending what a real server should not.</summary>
public sealed class Http2ProtocolErrorTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, GoAway = 0x7, WindowUpdate = 0x8;
    private const byte EndStream = 0x1, EndHeaders = 0x4;

    private static readonly byte[] Status200 = [0x88];
    private static readonly byte[] Trailer = [0x00, 0x0b, .. "grpc-status"u8, 0x01, (byte)'0'];
    private static readonly byte[] OtherField = [0x00, 0x01, (byte)'x', 0x01, (byte)'y'];

    /// <summary>A stream whose request is still open (so it stays in the connection's table), and its id.</summary>
    internal static async Task<(Http2ConnectionPool Pool, Http2Connection Connection, Http2Stream Stream, int Id)> OpenAsync(RawH2Server server)
    {
        var pool = new Http2ConnectionPool(server.EndPoint, new Http2ClientOptions());
        var acquiring = pool.AcquireAsync(CancellationToken.None).AsTask();
        await server.AcceptAsync().WaitAsync(Generous);
        var connection = await acquiring.WaitAsync(Generous);
        var stream = new Http2Stream(connection);
        var headers = new Http2RequestHeaders();
        headers.Reset("POST", "http", "test.local", "/");
        var block = new byte[64];
        connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: false, flush: true);
        var frames = await server.ReadUntilAsync(Headers).WaitAsync(Generous);
        return (pool, connection, stream, frames[^1].StreamId);
    }

    private static uint? ResetCode(List<RawH2Server.Frame> frames, int id) =>
        frames.FirstOrDefault(f => f.Type == RstStream && f.StreamId == id) is { } f ? BinaryPrimitives.ReadUInt32BigEndian(f.Payload) : null;

    [Fact]
    public async Task HeadersAfterTheTrailersAreRefusedAndNotAddedToThem()
    {
        await using var server = new RawH2Server();
        var (pool, _, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Headers, EndHeaders, id, Status200);
        await server.SendAsync(Headers, EndHeaders | EndStream, id, Trailer);
        await server.SendAsync(Headers, EndHeaders | EndStream, id, OtherField);
        var frames = await server.SyncAsync().WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.StreamClosed, ResetCode(frames, id));
        Assert.Equal([new("grpc-status", "0")], stream.Trailers!);
        Assert.Equal(ReadState.Ended, stream.Poll());
    }

    [Fact]
    public async Task TrailersWithoutEndStreamResetTheStream()
    {
        await using var server = new RawH2Server();
        var (pool, connection, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Headers, EndHeaders, id, Status200);
        await server.SendAsync(Headers, EndHeaders, id, Trailer);
        var frames = await server.SyncAsync().WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.ProtocolError, ResetCode(frames, id));
        Assert.Equal(ReadState.Failed, stream.Poll());
        Assert.Equal(0, connection.ActiveStreams);
    }

    [Fact]
    public async Task DataAfterEndStreamIsRefusedAndNotAppended()
    {
        await using var server = new RawH2Server();
        var (pool, _, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Headers, EndHeaders | EndStream, id, Status200);
        await server.SendAsync(Data, 0, id, "abc"u8.ToArray());
        var frames = await server.SyncAsync().WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.StreamClosed, ResetCode(frames, id));
        Assert.Equal(ReadState.Ended, stream.Poll());
    }

    [Fact]
    public async Task DataBeforeTheResponseHeadersFailsTheStream()
    {
        await using var server = new RawH2Server();
        var (pool, connection, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Data, EndStream, id, "abc"u8.ToArray());
        var frames = await server.SyncAsync().WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.ProtocolError, ResetCode(frames, id));
        Assert.Throws<Http2ProtocolException>(() => stream.TryGetHeaders());
        Assert.False(connection.IsDraining); // a stream error, not a connection error
    }

    [Fact]
    public async Task ResponseHeadersWithoutStatusFailTheStream()
    {
        await using var server = new RawH2Server();
        var (pool, connection, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Headers, EndHeaders | EndStream, id, OtherField);
        var frames = await server.SyncAsync().WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.ProtocolError, ResetCode(frames, id));
        Assert.Throws<Http2ProtocolException>(() => stream.TryGetHeaders());
        Assert.False(connection.IsDraining);
    }

    [Fact]
    public async Task AnHpackErrorEndsTheConnectionWithGoAwayCompressionError()
    {
        await using var server = new RawH2Server();
        var (pool, connection, stream, id) = await OpenAsync(server);
        using var _ = pool;

        await server.SendAsync(Headers, EndHeaders | EndStream, id, [0x80]); // index 0: invalid
        var frames = await server.ReadUntilAsync(GoAway).WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.CompressionError, BinaryPrimitives.ReadUInt32BigEndian(frames[^1].Payload.AsSpan(4)));
        await connection.Completion.WaitAsync(Generous);
        Assert.Equal(ReadState.Failed, stream.Poll());
    }

    [Fact]
    public async Task AnInitialWindowSizeThatOverflowsAStreamWindowIsAFlowControlError()
    {
        await using var server = new RawH2Server();
        var (pool, connection, _, id) = await OpenAsync(server);
        using var _ = pool;

        var increment = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(increment, int.MaxValue - 65_535);
        await server.SendAsync(WindowUpdate, 0, id, increment); // the stream's send window: 2^31-1
        var setting = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(setting, 0x4);
        BinaryPrimitives.WriteUInt32BigEndian(setting.AsSpan(2), 65_536); // +1
        await server.SendAsync(Settings, 0, 0, setting);
        var frames = await server.ReadUntilAsync(GoAway).WaitAsync(Generous);

        Assert.Equal((uint)Http2ErrorCode.FlowControlError, BinaryPrimitives.ReadUInt32BigEndian(frames[^1].Payload.AsSpan(4)));
        await connection.Completion.WaitAsync(Generous);
    }
}

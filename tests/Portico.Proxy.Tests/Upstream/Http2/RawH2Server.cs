using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>
/// A scripted h2c peer on 127.0.0.1 for frames a real server never sends: one connection, frames written and
/// read by the test. <see cref="SyncAsync"/> sends a PING and reads up to its ACK, so every frame sent before it
/// has been processed by the client (which handles frames in order).
/// </summary>
internal sealed class RawH2Server : IAsyncDisposable
{
    private readonly Socket _listener;
    private Socket? _peer;
    private NetworkStream? _stream;

    public RawH2Server()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload);

    /// <summary>Accepts the client, reads its preface and sends an empty SETTINGS.</summary>
    public async Task AcceptAsync()
    {
        _peer = await _listener.AcceptAsync();
        _stream = new NetworkStream(_peer, ownsSocket: true);
        var preface = new byte[24];
        await _stream.ReadExactlyAsync(preface);
        await SendAsync(0x4, 0, 0, []);
    }

    public async Task SendAsync(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await _stream!.WriteAsync(frame);
    }

    public async Task<Frame> ReadAsync()
    {
        var header = new byte[9];
        await _stream!.ReadExactlyAsync(header);
        var payload = new byte[(header[0] << 16) | (header[1] << 8) | header[2]];
        await _stream.ReadExactlyAsync(payload);
        return new Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF, payload);
    }

    /// <summary>Reads frames up to one of <paramref name="type"/>; returns it and those before it.</summary>
    public async Task<List<Frame>> ReadUntilAsync(byte type)
    {
        var frames = new List<Frame>();
        while (true)
        {
            var f = await ReadAsync();
            frames.Add(f);
            if (f.Type == type && !(type == 0x6 && (f.Flags & 0x1) == 0))
            {
                return frames;
            }
        }
    }

    /// <summary>PING, then the frames the client sent before its ACK.</summary>
    public async Task<List<Frame>> SyncAsync()
    {
        await SendAsync(0x6, 0, 0, new byte[8]);
        return await ReadUntilAsync(0x6);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _listener.Dispose();
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portico.Proxy.Tests.Listeners;

/// <summary>
/// A minimal hand-framed h2c client, for requests HttpClient will not send (a <c>:scheme</c> that differs from the
/// transport). One GET on stream 1; returns the concatenated DATA payload.
/// </summary>
internal static class RawH2c
{
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, GoAway = 0x7;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

    public static async Task<string> GetAsync(int port, string scheme, string path)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // HPACK: indexed :method GET (2), indexed :scheme http (6) or https (7), then literals without indexing
        // whose names come from the static table (:path 4, :authority 1); no Huffman coding.
        var block = new List<byte> { 0x82, scheme == "https" ? (byte)0x87 : (byte)0x86 };
        AddLiteral(block, 4, path);
        AddLiteral(block, 1, $"127.0.0.1:{port}");

        await stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), timeout.Token);
        await WriteFrameAsync(stream, Settings, 0, 0, [], timeout.Token);
        await WriteFrameAsync(stream, Headers, EndStream | EndHeaders, 1, [.. block], timeout.Token);

        var body = new StringBuilder();
        var header = new byte[9];
        while (true)
        {
            await stream.ReadExactlyAsync(header, timeout.Token);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var (type, flags) = (header[3], header[4]);
            var streamId = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue;
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload, timeout.Token);

            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    await WriteFrameAsync(stream, Settings, Ack, 0, [], timeout.Token);
                    break;
                case GoAway or RstStream:
                    throw new InvalidOperationException($"server sent frame type {type} with payload {Convert.ToHexString(payload)}");
                case Data when streamId == 1:
                    body.Append(Encoding.UTF8.GetString(payload));
                    break;
            }

            if (streamId == 1 && type is Data or Headers && (flags & EndStream) != 0)
            {
                return body.ToString();
            }
        }
    }

    private static void AddLiteral(List<byte> block, byte nameIndex, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length > 126)
        {
            throw new ArgumentException("value too long for this encoder", nameof(value));
        }

        block.Add(nameIndex);
        block.Add((byte)bytes.Length);
        block.AddRange(bytes);
    }

    private static async Task WriteFrameAsync(Stream stream, byte type, byte flags, int streamId, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame.AsSpan(9));
        await stream.WriteAsync(frame, cancellationToken);
    }
}

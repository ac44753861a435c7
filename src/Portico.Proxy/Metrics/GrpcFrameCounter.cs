using System.Buffers.Binary;

namespace Portico.Proxy.Metrics;

/// <summary>
/// Counts gRPC messages in one direction of a call by their 5-byte length prefixes (1 flag byte, 4-byte big-endian
/// length; gRPC over HTTP/2 spec "Length-Prefixed-Message"), however the bytes are split into reads or writes.
/// A message counts when its prefix has been seen (go-grpc-prometheus counts when the whole message has arrived;
/// the difference only shows on a message cut short by a reset). A frame whose flag byte has bit 7 set is a
/// gRPC-Web trailers frame, not a message, and is skipped without counting.
/// <para>
/// Cost: O(messages) per chunk, not O(bytes): a payload is skipped by arithmetic. No allocation (a mutable struct
/// living inside the per-call stream wrapper).
/// </para>
/// </summary>
internal struct GrpcFrameCounter
{
    private long _skip;   // payload bytes of the current message not yet seen
    private int _header;  // prefix bytes seen so far (0 = at a message boundary)
    private uint _length;
    private byte _flags;

    /// <summary>Messages whose prefix has been seen.</summary>
    public int Messages { get; private set; }

    /// <returns>How many new messages started in <paramref name="data"/>.</returns>
    public int Observe(ReadOnlySpan<byte> data)
    {
        var found = 0;
        while (!data.IsEmpty)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, data.Length);
                _skip -= n;
                data = data[n..];
                continue;
            }

            if (_header == 0 && data.Length >= 5)
            {
                // Fast path: a whole prefix in this chunk.
                found += (data[0] & 0x80) == 0 ? 1 : 0;
                _skip = BinaryPrimitives.ReadUInt32BigEndian(data[1..]);
                data = data[5..];
                continue;
            }

            // A prefix split across chunks: one byte at a time.
            if (_header > 0)
            {
                _length = (_length << 8) | data[0];
            }
            else
            {
                _flags = data[0];
            }

            data = data[1..];
            if (++_header == 5)
            {
                found += (_flags & 0x80) == 0 ? 1 : 0;
                _skip = _length;
                _header = 0;
                _length = 0;
            }
        }

        Messages += found;
        return found;
    }
}

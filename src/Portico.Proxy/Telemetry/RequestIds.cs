namespace Portico.Proxy.Telemetry;

/// <summary>
/// <c>x-request-id</c> values for requests that arrive without one: UUID-shaped (8-4-4-4-12 hex), unique per process
/// by construction (a random 64-bit prefix chosen at start and a 64-bit counter), so making one costs an interlocked
/// increment and one 36-char string, with no call into the random number generator.
/// </summary>
internal static class RequestIds
{
    public const string Header = "x-request-id";

    // From a v4 GUID (the OS's secure random source through the runtime's own native shim): RandomNumberGenerator
    // would load OpenSSL's libcrypto and System.Security.Cryptography (~4.5 MiB resident) for these 8 bytes alone.
    private static readonly ulong Prefix = BitConverter.ToUInt64(Guid.NewGuid().ToByteArray(), 0);
    private static long _counter;

    public static string Next()
    {
        var n = (ulong)Interlocked.Increment(ref _counter);
        return string.Create(36, (Prefix, n), static (span, s) =>
        {
            Span<byte> bytes = stackalloc byte[16];
            BitConverter.TryWriteBytes(bytes, s.Prefix);
            BitConverter.TryWriteBytes(bytes[8..], s.n);
            var j = 0;
            for (var i = 0; i < 16; i++)
            {
                if (i is 4 or 6 or 8 or 10)
                {
                    span[j++] = '-';
                }

                span[j++] = "0123456789abcdef"[bytes[i] >> 4];
                span[j++] = "0123456789abcdef"[bytes[i] & 0xF];
            }
        });
    }
}

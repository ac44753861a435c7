using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portico.Testing;

/// <summary>
/// Free TCP ports on 127.0.0.1 for gateway listeners written into manifests (the gateway binds them later).
/// Ports come from below the kernel's ephemeral range when possible: backends and clients bind port 0 and get
/// ephemeral ports, so a port handed out here cannot be taken by them between "find" and "bind".
/// Ports handed out are never handed out again by this process.
/// </summary>
public static class FreePorts
{
    private const int FallbackLow = 20000;
    private const int FallbackHigh = 32000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();
    private static readonly (int Low, int High) Range = ChooseRange();

    /// <summary>One free port.</summary>
    public static int Next() => Take(1)[0];

    /// <summary><paramref name="count"/> distinct free ports.</summary>
    public static int[] Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = new int[count];
        lock (Gate)
        {
            for (var i = 0; i < count; i++)
            {
                result[i] = Find();
                HandedOut.Add(result[i]);
            }
        }

        return result;
    }

    /// <summary>True when nothing listens on or is bound to 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Find()
    {
        if (Range.High > Range.Low)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(Range.Low, Range.High);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        // No usable range: let the kernel pick (bind port 0, read it, release it).
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (HandedOut.Add(port))
            {
                return port;
            }
        }
    }

    private static (int Low, int High) ChooseRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralLow = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var high = Math.Min(ephemeralLow, FallbackHigh);
            var low = Math.Max(1024, high - 12000);
            return high - low >= 1000 ? (low, high) : (0, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux: ephemeral ranges usually start at 49152, so the fallback range is still below it.
            return (FallbackLow, FallbackHigh);
        }
    }
}

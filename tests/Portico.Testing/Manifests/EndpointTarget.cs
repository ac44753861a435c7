using System.Net;
using System.Net.Sockets;

namespace Portico.Testing;

/// <summary>One endpoint of a Service: a loopback IPv4 address and the port it listens on.</summary>
public sealed record EndpointTarget(string Address, int Port)
{
    /// <summary>The <c>ready</c> condition; null leaves it out (which the API reads as ready).</summary>
    public bool? Ready { get; init; } = true;

    public bool? Serving { get; init; }

    public bool? Terminating { get; init; }

    public static EndpointTarget For(TestBackend backend, bool ready = true)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new EndpointTarget(backend.Address.ToString(), backend.Port) { Ready = ready };
    }

    internal void Validate()
    {
        if (!IPAddress.TryParse(Address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || !IPAddress.IsLoopback(ip))
        {
            throw new ArgumentException($"Endpoint address '{Address}' is not a loopback IPv4 address.");
        }
    }
}

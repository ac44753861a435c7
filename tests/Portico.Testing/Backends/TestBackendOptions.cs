using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>How a <see cref="TestBackend"/> listens.</summary>
public sealed record TestBackendOptions
{
    /// <summary>Default <see cref="BackendProtocol.Http2"/> (h2c), which serves gRPC and HTTP/2 requests.</summary>
    public BackendProtocol Protocol { get; init; } = BackendProtocol.Http2;

    /// <summary>0 (default) picks a free port; set it to restart a backend on the port it had.</summary>
    public int Port { get; init; }

    /// <summary>A loopback address; other addresses are refused.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>When set, the backend serves TLS with this certificate (it must carry its private key).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Added to every response (gRPC and HTTP), e.g. to test response header filters.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>How many requests <see cref="TestBackend.Requests"/> keeps (oldest dropped first).</summary>
    public int RequestLogCapacity { get; init; } = 1000;

    public static TestBackendOptions Http1Only { get; } = new() { Protocol = BackendProtocol.Http1 };
}

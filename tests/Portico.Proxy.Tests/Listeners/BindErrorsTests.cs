using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

public sealed class BindErrorsTests
{
    public static TheoryData<Exception, string> Failures() => new()
    {
        // Kestrel's shape for a port conflict: IOException → AddressInUseException → SocketException.
        { new IOException("Failed to bind", new AddressInUseException("in use", new SocketException((int)SocketError.AddressAlreadyInUse))), "address already in use" },
        { new IOException("Failed to bind", new SocketException((int)SocketError.AccessDenied)), "permission denied" },
        { new SocketException((int)SocketError.AddressNotAvailable), "address not available" },
        { new InvalidOperationException("something else", new FormatException("the root cause")), "the root cause" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bind_failures_become_one_line_reasons(Exception exception, string reason)
    {
        Assert.Equal($"127.0.0.1:443: {reason}", BindErrors.Describe("127.0.0.1:443", exception));
        Assert.Equal(reason == "address already in use", BindErrors.IsAddressInUse(exception));
    }
}

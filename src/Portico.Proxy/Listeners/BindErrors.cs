using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Portico.Proxy.Listeners;

/// <summary>Turns a failed bind into the one-line reason reported for the socket (listener status shows it).</summary>
internal static class BindErrors
{
    private const string AddressInUse = "address already in use";

    public static string Describe(string socketKey, Exception exception) =>
        $"{socketKey}: {KnownReason(exception) ?? exception.GetBaseException().Message}";

    public static bool IsAddressInUse(Exception exception) => KnownReason(exception) == AddressInUse;

    // Kestrel wraps the socket error (IOException → AddressInUseException → SocketException), so search the chain.
    private static string? KnownReason(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var reason = current switch
            {
                AddressInUseException => AddressInUse,
                SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => AddressInUse,
                SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied",
                SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "address not available",
                UnauthorizedAccessException => "permission denied",
                _ => null,
            };
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }
}

using Microsoft.Extensions.Logging;

namespace Portico.Proxy.Listeners;

/// <summary>
/// Listener log events. The ids are stable (1000–1099 belong to listeners) so alerts can key on them. None of these is
/// written per request; the per-connection ones are Debug.
/// </summary>
internal static partial class ListenerLog
{
    [LoggerMessage(EventId = 1001, EventName = "SocketBound", Level = LogLevel.Information,
        Message = "Listening on {SocketKey} ({Transport})")]
    public static partial void SocketBound(ILogger logger, string socketKey, string transport);

    [LoggerMessage(EventId = 1002, EventName = "SocketBindFailed", Level = LogLevel.Warning,
        Message = "Could not bind {SocketKey}: {Reason}; will retry on the next reconcile")]
    public static partial void SocketBindFailed(ILogger logger, string socketKey, string reason, Exception? exception);

    [LoggerMessage(EventId = 1003, EventName = "SocketDraining", Level = LogLevel.Information,
        Message = "Stopped accepting on {SocketKey}; draining in-flight requests for up to {DrainSeconds} s")]
    public static partial void SocketDraining(ILogger logger, string socketKey, double drainSeconds);

    [LoggerMessage(EventId = 1004, EventName = "SocketStopped", Level = LogLevel.Information,
        Message = "Closed {SocketKey} after draining for {ElapsedMilliseconds} ms")]
    public static partial void SocketStopped(ILogger logger, string socketKey, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1005, EventName = "SocketStopFailed", Level = LogLevel.Warning,
        Message = "Error while closing {SocketKey}")]
    public static partial void SocketStopFailed(ILogger logger, string socketKey, Exception exception);

    [LoggerMessage(EventId = 1006, EventName = "PrefaceTimedOut", Level = LogLevel.Debug,
        Message = "Connection {ConnectionId} on {LocalEndPoint} sent no complete request or HTTP/2 preface in time; closed")]
    public static partial void PrefaceTimedOut(ILogger logger, string connectionId, string? localEndPoint);

    [LoggerMessage(EventId = 1007, EventName = "TlsNoCertificate", Level = LogLevel.Debug,
        Message = "No TLS certificate for server name '{ServerName}' on {SocketKey}; handshake refused")]
    public static partial void TlsNoCertificate(ILogger logger, string? serverName, string socketKey);

    [LoggerMessage(EventId = 1008, EventName = "TlsSelectionFailed", Level = LogLevel.Warning,
        Message = "Choosing the TLS certificate for server name '{ServerName}' on {SocketKey} threw; handshake refused")]
    public static partial void TlsSelectionFailed(ILogger logger, string? serverName, string socketKey, Exception exception);

    [LoggerMessage(EventId = 1009, EventName = "TlsOptionsWithoutCertificate", Level = LogLevel.Warning,
        Message = "The TLS options chosen for server name '{ServerName}' on {SocketKey} have no certificate; handshake refused")]
    public static partial void TlsOptionsWithoutCertificate(ILogger logger, string? serverName, string socketKey);

    [LoggerMessage(EventId = 1010, EventName = "SocketRejected", Level = LogLevel.Warning,
        Message = "Socket {SocketKey} not bound: {Reason}")]
    public static partial void SocketRejected(ILogger logger, string socketKey, string reason);
}

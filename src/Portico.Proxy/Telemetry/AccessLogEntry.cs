using System.Diagnostics;
using System.Net;
using Portico.Proxy.Backends;
using Portico.Routing.Matching;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// What one access log line says, captured at the end of a call. Only references to immutable objects and values,
/// never the <see cref="Microsoft.AspNetCore.Http.HttpContext"/> (pooled and reused after the call): every string
/// is formatted by the background writer, off the request path.
/// </summary>
internal readonly record struct AccessLogEntry
{
    public DateTime Time { get; init; }

    public string? Listener { get; init; }

    public RouteSource? Route { get; init; }

    public string? Backend { get; init; }

    public EndpointState? Endpoint { get; init; }

    public string? Authority { get; init; }

    public string Protocol { get; init; }

    public string Method { get; init; }

    public string Path { get; init; }

    public bool Grpc { get; init; }

    /// <summary>gRPC status code, or -1 when the call was not gRPC.</summary>
    public int GrpcStatus { get; init; }

    public int HttpStatus { get; init; }

    public double DurationMilliseconds { get; init; }

    public long BytesIn { get; init; }

    public long BytesOut { get; init; }

    public int MessagesIn { get; init; }

    public int MessagesOut { get; init; }

    public string? RequestId { get; init; }

    public IPAddress? ClientAddress { get; init; }

    public int ClientPort { get; init; }

    public ActivityTraceId TraceId { get; init; }

    public ActivitySpanId SpanId { get; init; }
}

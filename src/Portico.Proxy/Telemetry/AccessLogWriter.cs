using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Metrics;

namespace Portico.Proxy.Telemetry;

/// <summary>
/// The access log: one JSON object per line per call, written by a background task. The request path only decides
/// whether the call is sampled (<see cref="Sample"/>: a comparison, plus one <see cref="Random.Shared"/> draw when
/// the rate is strictly between 0 and 1) and enqueues a struct (<see cref="TryEnqueue"/>: a lock-free write into a
/// bounded channel). When the writer falls behind and the queue is full, lines are dropped and counted in
/// <c>portico_access_log_lines_total{result="dropped"}</c>; a call never waits for the log.
/// <code>
///  call end ─ sample? ─ TryWrite(entry) ─┬─ full: drop, count
///                                        └─ queue ─▶ writer task: JSON lines into a buffer ─▶ one write + flush per batch
/// </code>
/// </summary>
public sealed partial class AccessLogWriter : IAsyncDisposable
{
    /// <summary>The <c>--access-log</c> value that writes to standard output.</summary>
    public const string StandardOutput = "stdout";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly Channel<AccessLogEntry> _queue;
    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly double _sampleRate;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task _pump;

    /// <param name="target"><see cref="StandardOutput"/> or a file path (appended to, created if missing).</param>
    /// <param name="sampleRate">Share of calls logged, 0 to 1.</param>
    /// <param name="capacity">Lines that may wait for the writer before new ones are dropped.</param>
    public AccessLogWriter(string target, double sampleRate, int capacity, ProxyMetrics metrics, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(metrics);
        _sampleRate = sampleRate;
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
        if (target == StandardOutput)
        {
            _output = Console.OpenStandardOutput();
            _ownsOutput = false;
        }
        else
        {
            _output = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
            _ownsOutput = true;
        }

        Target = target;
        _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite only: full → false → dropped and counted
        });
        _pump = Task.Run(PumpAsync);
    }

    public string Target { get; }

    /// <summary>Whether to log this call.</summary>
    public bool Sample() => _sampleRate >= 1 || (_sampleRate > 0 && Random.Shared.NextDouble() < _sampleRate);

    internal void TryEnqueue(in AccessLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            _metrics.AccessLogDropped();
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        if (_ownsOutput)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var lines = 0;
            while (buffer.WrittenCount < 60 * 1024 && reader.TryRead(out var entry))
            {
                json.Reset(buffer);
                Write(json, entry);
                json.Flush();
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
                lines++;
            }

            try
            {
                await _output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                if (reader.Count == 0)
                {
                    await _output.FlushAsync().ConfigureAwait(false);
                }

                _metrics.AccessLogWritten(lines);
            }
#pragma warning disable CA1031 // A failing log target (disk full, closed pipe) must not stop the gateway; the lines are dropped.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, Target, lines, e);
                for (var i = 0; i < lines; i++)
                {
                    _metrics.AccessLogDropped();
                }
            }

            buffer.ResetWrittenCount();
        }
    }

    /// <summary>The line format (field names are part of the interface: log pipelines parse them).</summary>
    internal static void Write(Utf8JsonWriter json, in AccessLogEntry e)
    {
        json.WriteStartObject();
        json.WriteString("time", e.Time);
        json.WriteString("listener", e.Listener);
        json.WriteString("route", e.Route is { } r ? ProxyMetrics.RouteLabel(r) : null);
        if (e.Route is { } rule)
        {
            json.WriteString("rule", rule.RuleName ?? rule.Rule.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("rule");
        }

        json.WriteString("backend", e.Backend);
        if (e.Endpoint is { } ep)
        {
            json.WriteString("endpoint", ep.Address.Contains(':', StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"[{ep.Address}]:{ep.Port}")
                : string.Create(CultureInfo.InvariantCulture, $"{ep.Address}:{ep.Port}"));
        }
        else
        {
            json.WriteNull("endpoint");
        }

        json.WriteString("authority", e.Authority);
        json.WriteString("protocol", e.Protocol);
        if (e.Grpc)
        {
            var (service, method) = SplitGrpcPath(e.Path);
            json.WriteString("grpc_service", service);
            json.WriteString("grpc_method", method);
            json.WriteNumber("grpc_status", e.GrpcStatus);
            json.WriteString("grpc_code", GrpcCodeNames.Of(e.GrpcStatus));
        }

        json.WriteString("method", e.Method);
        json.WriteString("path", e.Path);
        json.WriteNumber("http_status", e.HttpStatus);
        json.WriteNumber("duration_ms", Math.Round(e.DurationMilliseconds, 3));
        json.WriteNumber("bytes_in", e.BytesIn);
        json.WriteNumber("bytes_out", e.BytesOut);
        if (e.Grpc)
        {
            json.WriteNumber("messages_in", e.MessagesIn);
            json.WriteNumber("messages_out", e.MessagesOut);
        }

        json.WriteString("x_request_id", e.RequestId);
        json.WriteString("client", e.ClientAddress is { } a ? new IPEndPoint(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a, e.ClientPort).ToString() : null);
        if (e.TraceId != default)
        {
            json.WriteString("trace_id", e.TraceId.ToHexString());
            json.WriteString("span_id", e.SpanId.ToHexString());
        }

        json.WriteEndObject();
    }

    private static (string? Service, string? Method) SplitGrpcPath(string path)
    {
        var slash = path.Length > 1 ? path.IndexOf('/', 1) : -1;
        return slash > 1 && slash < path.Length - 1 ? (path[1..slash], path[(slash + 1)..]) : (null, null);
    }

    [LoggerMessage(EventId = 3001, EventName = "AccessLogWriteFailed", Level = LogLevel.Warning,
        Message = "Could not write {Lines} access log line(s) to {Target}; they are dropped")]
    private static partial void LogWriteFailed(ILogger logger, string target, int lines, Exception exception);
}

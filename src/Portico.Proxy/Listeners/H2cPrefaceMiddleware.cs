using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Portico.Proxy.Listeners;

/// <summary>
/// Connection middleware for cleartext sockets: serves HTTP/1.1 and h2c with prior knowledge on one port.
/// It peeks at the first bytes without consuming them; when they are the 24-byte HTTP/2 client preface it marks
/// the connection with <see cref="H2cPriorKnowledgeFeature"/> so Kestrel's protocol selection picks HTTP/2.
/// Anything else (first differing byte) goes on as HTTP/1.1. The server must set
/// <c>AllowAlternateSchemes</c>, because Kestrel now believes the transport is TLS and would otherwise reject the
/// client's <c>:scheme http</c> with PROTOCOL_ERROR.
/// </summary>
internal sealed class H2cPrefaceMiddleware(ConnectionDelegate next, TimeSpan timeout, ILogger logger)
{
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    private enum Verdict
    {
        NeedMore,
        Http1,
        Http2,
    }

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        Verdict verdict;
        // The timeout bounds a client that sends a partial preface (or nothing) and stalls; without it such a
        // connection would sit here, outside every Kestrel timeout, until the client gives up.
        using (var timeoutSource = new CancellationTokenSource(timeout))
        {
            try
            {
                verdict = await SniffAsync(connection.Transport.Input, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
            {
                ListenerLog.PrefaceTimedOut(logger, connection.ConnectionId, connection.LocalEndPoint?.ToString());
                connection.Abort(new ConnectionAbortedException("No HTTP request or HTTP/2 preface within the preface timeout."));
                return;
            }
        }

        if (verdict == Verdict.Http2)
        {
            var feature = new H2cPriorKnowledgeFeature();
            connection.Features.Set<ITlsConnectionFeature>(feature);
            connection.Features.Set<ITlsApplicationProtocolFeature>(feature);
        }

        await next(connection).ConfigureAwait(false);
    }

    private static async Task<Verdict> SniffAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var verdict = Inspect(buffer);
            if (verdict == Verdict.NeedMore && result.IsCompleted)
            {
                // The client closed mid-preface: let the HTTP/1.1 parser see the end of input and close quietly.
                verdict = Verdict.Http1;
            }

            if (verdict != Verdict.NeedMore)
            {
                // Nothing consumed and nothing marked examined, so Kestrel's next read returns these bytes at once.
                input.AdvanceTo(buffer.Start);
                return verdict;
            }

            // Everything examined: the next read waits for more bytes instead of spinning on the same ones.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static Verdict Inspect(in ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        var commonPrefix = head[..length].CommonPrefixLength(Preface);
        if (commonPrefix < length)
        {
            return Verdict.Http1;
        }

        return length == Preface.Length ? Verdict.Http2 : Verdict.NeedMore;
    }
}

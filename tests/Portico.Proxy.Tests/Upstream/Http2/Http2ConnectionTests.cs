using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Upstream.Http2;

namespace Portico.Proxy.Tests.Upstream.Http2;

/// <summary>Portico's h2c client against a real Kestrel HTTP/2 server on 127.0.0.1.</summary>
public sealed class Http2ConnectionTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private static readonly Http2ClientOptions Options = new();

    private sealed record Response(int Status, Dictionary<string, string> Headers, byte[] Body, Dictionary<string, string>? Trailers);

    /// <summary>Sends one request (body in one piece, END_STREAM) and reads the whole response.</summary>
    private static async Task<Response> SendAsync(Http2ConnectionPool pool, string path, byte[] body, Action<Http2RequestHeaders>? edit = null,
        bool flushSoon = false)
    {
        var connection = await pool.AcquireAsync(CancellationToken.None);
        var stream = new Http2Stream(connection);
        try
        {
            var headers = new Http2RequestHeaders();
            headers.Reset("POST", "http", "test.local", path);
            headers.Add("content-type", "application/octet-stream");
            edit?.Invoke(headers);
            var block = new byte[256];
            var length = headers.Encode(ref block);
            connection.SendHeaders(stream, block.AsSpan(0, length), endStream: false, flush: false);
            var sending = SendBodyAsync(connection, stream, body, flushSoon);
            var response = await ReadAsync(stream);
            await sending.WaitAsync(Generous);
            return response;
        }
        finally
        {
            connection.Finish(stream);
        }
    }

    /// <summary>The body with END_STREAM, then a flush (SendDataAsync leaves its last frames buffered, as a forwarder batches).</summary>
    private static async Task SendBodyAsync(Http2Connection connection, Http2Stream stream, byte[] body, bool flushSoon = false)
    {
        await connection.SendDataAsync(stream, body, endStream: true, CancellationToken.None);
        if (flushSoon)
        {
            connection.FlushSoon();
        }
        else
        {
            connection.Flush();
        }
    }

    private static async Task<Response> ReadAsync(Http2Stream stream)
    {
        while (!stream.TryGetHeaders())
        {
            await stream.WaitAsync().AsTask().WaitAsync(Generous);
        }

        var body = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var state = stream.Poll();
            if (state == ReadState.Pending)
            {
                await stream.WaitAsync().AsTask().WaitAsync(Generous);
                continue;
            }

            if (state == ReadState.Failed)
            {
                throw stream.Error!;
            }

            if (state == ReadState.Ended)
            {
                break;
            }

            var n = stream.Read(chunk);
            body.Write(chunk, 0, n);
        }

        return new Response(stream.Status, stream.Headers!.ToDictionary(h => h.Key, h => h.Value), body.ToArray(),
            stream.Trailers?.ToDictionary(h => h.Key, h => h.Value));
    }

    private static async Task Echo(HttpContext context)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers["x-path"] = context.Request.Path.Value;
        context.Response.Headers["x-authority"] = context.Request.Host.Value;
        context.Response.Headers["x-te"] = context.Request.Headers.TE.ToString();
        context.Response.AppendTrailer("x-trailer", "done");
        await context.Request.Body.CopyToAsync(context.Response.Body);
    }

    [Fact]
    public async Task ARequestAndItsResponseWithTrailersPassOverOneConnection()
    {
        await using var server = await TestH2Server.StartAsync(Echo);
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);

        var response = await SendAsync(pool, "/a/b?c=d", Encoding.ASCII.GetBytes("hello"), h => h.Add("te", "trailers"));

        Assert.Equal(200, response.Status);
        Assert.Equal("hello", Encoding.ASCII.GetString(response.Body));
        Assert.Equal("/a/b", response.Headers["x-path"]);
        Assert.Equal("test.local", response.Headers["x-authority"]);
        Assert.Equal("trailers", response.Headers["x-te"]);
        Assert.Equal("done", response.Trailers!["x-trailer"]);
        Assert.Equal(1, pool.ConnectionCount);
    }

    [Fact]
    public async Task CallsFlushedSoonAllLeaveWithNoOtherFlush()
    {
        // FlushSoon sends from a thread-pool work item queued behind the caller's work: calls started together share
        // one send. Every call must still leave, whether its frames went out in its own deferred flush or another's.
        await using var server = await TestH2Server.StartAsync(Echo);
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);

        var calls = Enumerable.Range(0, 64)
            .Select(i => SendAsync(pool, "/soon/" + i, Encoding.ASCII.GetBytes("body-" + i), flushSoon: true))
            .ToArray();
        var responses = await Task.WhenAll(calls).WaitAsync(Generous);

        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal(200, responses[i].Status);
            Assert.Equal("/soon/" + i, responses[i].Headers["x-path"]);
            Assert.Equal("body-" + i, Encoding.ASCII.GetString(responses[i].Body));
        }

        // And one more on its own, after the burst: a deferred flush with nothing else queued still goes out.
        var last = await SendAsync(pool, "/soon/alone", Encoding.ASCII.GetBytes("alone"), flushSoon: true).WaitAsync(Generous);
        Assert.Equal("alone", Encoding.ASCII.GetString(last.Body));
    }

    [Fact]
    public async Task ResponseHeadersBeyondOneFrameArriveThroughContinuationAndRequestHeadersLeaveThroughIt()
    {
        var big = new string('h', 40_000); // > 16 KiB: HEADERS + CONTINUATION both ways
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            context.Response.Headers["x-big"] = big;
            context.Response.Headers["x-got"] = context.Request.Headers["x-big"].ToString().Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("ok");
        }, limits =>
        {
            limits.Http2.MaxRequestHeaderFieldSize = 64 * 1024;
            limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);

        var response = await SendAsync(pool, "/", [], h => h.Add("x-big", big));

        Assert.Equal(200, response.Status);
        Assert.Equal(big, response.Headers["x-big"]);
        Assert.Equal("40000", response.Headers["x-got"]);
    }

    [Fact]
    public async Task StreamsBeyondTheServersConcurrencyLimitGoOnMoreConnections() =>
        Assert.Equal(3, await ConnectionsForHeldCallsAsync(calls: 10, serverLimit: 4, Options)); // 4 + 4 + 2

    [Theory]
    [InlineData(3, 100, 3)] // our cap below the server's limit: 3 + 3 + 1
    [InlineData(5, 2, 4)] // the server's limit below our cap still rules: 2 + 2 + 2 + 1
    public async Task StreamsBeyondOurPerConnectionCapGoOnMoreConnections(int cap, int serverLimit, int connections) =>
        Assert.Equal(connections, await ConnectionsForHeldCallsAsync(calls: 7, serverLimit, Options with { MaxStreamsPerConnection = cap }));

    /// <summary>
    /// Holds <paramref name="calls"/> calls at a server allowing <paramref name="serverLimit"/> streams per connection
    /// until all have arrived (none refused), then releases them: the pool's connections while they were held.
    /// </summary>
    private static async Task<int> ConnectionsForHeldCallsAsync(int calls, int serverLimit, Http2ClientOptions options)
    {
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref arrived) == calls)
            {
                allArrived.SetResult();
            }

            await release.Task;
            await context.Response.WriteAsync("ok");
        }, limits => limits.Http2.MaxStreamsPerConnection = serverLimit);
        using var pool = new Http2ConnectionPool(server.EndPoint, options);

        var sends = Enumerable.Range(0, calls).Select(_ => SendAsync(pool, "/", [])).ToArray();
        await allArrived.Task.WaitAsync(Generous); // every call is at the server at once: no stream was refused
        var connections = pool.ConnectionCount;
        release.SetResult();
        foreach (var r in await Task.WhenAll(sends).WaitAsync(Generous))
        {
            Assert.Equal("ok", Encoding.ASCII.GetString(r.Body));
        }

        return connections;
    }

    [Fact]
    public async Task ABurstOfCallsManyTimesTheServersStreamLimitAllGetAStream()
    {
        // 40 calls at once against 4 streams per connection: callers that lose the race for the slots of a new
        // connection wait for the next one instead of giving up after a few connections.
        const int limit = 4;
        const int calls = 40;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref arrived) == calls)
            {
                allArrived.SetResult();
            }

            await allArrived.Task;
            await context.Response.WriteAsync("ok");
        }, limits => limits.Http2.MaxStreamsPerConnection = limit);
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);

        var sends = Enumerable.Range(0, calls).Select(_ => Task.Run(() => SendAsync(pool, "/", []))).ToArray();

        foreach (var r in await Task.WhenAll(sends).WaitAsync(Generous))
        {
            Assert.Equal("ok", Encoding.ASCII.GetString(r.Body));
        }

        Assert.Equal(calls / limit, pool.ConnectionCount);
    }

    [Fact]
    public async Task BodiesLargerThanEveryFlowControlWindowPassBothWays()
    {
        // 6 MiB each way: above Kestrel's windows (request side) and our 1 MiB stream / 4 MiB connection windows.
        await using var server = await TestH2Server.StartAsync(Echo);
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);
        var body = new byte[6 << 20];
        new Random(7).NextBytes(body);

        var first = SendAsync(pool, "/1", body);
        var second = SendAsync(pool, "/2", body); // two at once share the connection window
        var responses = await Task.WhenAll(first, second).WaitAsync(Generous);

        Assert.All(responses, r => Assert.True(body.AsSpan().SequenceEqual(r.Body)));
        Assert.Equal(1, pool.ConnectionCount);
    }

    [Fact]
    public async Task StreamsWaitingForTheConnectionWindowAreNotOvertakenByStreamsThatCameLater()
    {
        // Kestrel's smallest connection window (64 KiB) against 32 callers sending 8 KiB bodies one after another
        // on one connection: four times more body in flight than the window. Before the window was shared in line,
        // a call that started just after a WINDOW_UPDATE took it ahead of the streams waiting for it, and some
        // streams were overtaken by hundreds of later ones (seconds of wait under the benchmark's load).
        const int callers = 32, callsEach = 25;
        await using var server = await TestH2Server.StartAsync(
            async c => await c.Request.Body.CopyToAsync(Stream.Null),
            l => l.Http2.InitialConnectionWindowSize = 65_535);
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);
        var body = new byte[8192];
        int started = 0, sent = 0;
        var calls = new System.Collections.Concurrent.ConcurrentBag<(int Started, int Sent)>();

        async Task Caller()
        {
            for (var i = 0; i < callsEach; i++)
            {
                var connection = await pool.AcquireAsync(CancellationToken.None);
                var stream = new Http2Stream(connection);
                try
                {
                    var headers = new Http2RequestHeaders();
                    headers.Reset("POST", "http", "test.local", "/fair");
                    var block = new byte[256];
                    connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: false, flush: false);
                    var mine = Interlocked.Increment(ref started);
                    await connection.SendDataAsync(stream, body, endStream: true, CancellationToken.None);
                    calls.Add((mine, Interlocked.Increment(ref sent)));
                    connection.FlushSoon();
                    var response = await ReadAsync(stream);
                    Assert.Equal(200, response.Status);
                }
                finally
                {
                    connection.Finish(stream);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Caller))).WaitAsync(Generous);

        // For each call: how many calls that started sending after it had sent their whole body before it.
        var all = calls.ToArray();
        Assert.Equal(callers * callsEach, all.Length);
        var worst = all.Max(c => all.Count(o => o.Started > c.Started && o.Sent < c.Sent));
        Assert.True(worst <= 5 * callers, $"a call was overtaken by {worst} calls that started after it (at most {5 * callers} expected; hundreds when newcomers barge)");
        Assert.Equal(1, pool.ConnectionCount);
    }

    [Fact]
    public async Task StreamsWhoseConsumersDoNotReadDoNotStallTheOtherStreamsOfTheConnection()
    {
        // Three streams fill their 64 KiB stream windows and are never read: 192 KiB, more than the 128 KiB
        // connection window. A call on the same connection must still get its body.
        var options = new Http2ClientOptions { StreamWindow = 64 * 1024, ConnectionWindow = 128 * 1024 };
        const int slowCalls = 3;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            if (context.Request.Path == "/slow")
            {
                await context.Response.Body.WriteAsync(new byte[options.StreamWindow]);
                await context.Response.Body.FlushAsync();
                await release.Task;
                return;
            }

            await context.Response.WriteAsync("ok");
        });
        using var pool = new Http2ConnectionPool(server.EndPoint, options);
        var slow = new List<(Http2Connection Connection, Http2Stream Stream)>();
        try
        {
            for (var i = 0; i < slowCalls; i++)
            {
                var connection = await pool.AcquireAsync(CancellationToken.None);
                var stream = new Http2Stream(connection);
                var headers = new Http2RequestHeaders();
                headers.Reset("GET", "http", "test.local", "/slow");
                var block = new byte[64];
                connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: true, flush: true);
                slow.Add((connection, stream));
            }

            // The unread bytes reach the connection window (without the fix they stop exactly there).
            await Eventually(() => slow.Sum(s => s.Stream.BufferedBytes) >= options.ConnectionWindow);

            var response = await SendAsync(pool, "/fast", []);

            Assert.Equal("ok", Encoding.ASCII.GetString(response.Body));
            Assert.Equal(1, pool.ConnectionCount);
        }
        finally
        {
            release.TrySetResult();
            foreach (var (connection, stream) in slow)
            {
                connection.Finish(stream);
            }
        }
    }

    [Fact]
    public async Task AServerResetFailsTheStreamWithItsCode()
    {
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            await context.Response.WriteAsync("partial");
            await context.Response.Body.FlushAsync();
            context.Features.Get<IHttpResetFeature>()!.Reset(2);
        });
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);

        var e = await Assert.ThrowsAsync<Http2StreamResetException>(() => SendAsync(pool, "/", []));
        Assert.Equal(Http2ErrorCode.InternalError, e.Code);

        // The connection is fine for the next call.
        var error = await Record.ExceptionAsync(() => SendAsync(pool, "/", []));
        Assert.IsType<Http2StreamResetException>(error);
        Assert.Equal(1, pool.ConnectionCount);
    }

    [Fact]
    public async Task CancellingAStreamResetsItAtTheServer()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestH2Server.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await context.Response.WriteAsync("first");
            await context.Response.Body.FlushAsync();
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);
        var connection = await pool.AcquireAsync(CancellationToken.None);
        var stream = new Http2Stream(connection);
        var headers = new Http2RequestHeaders();
        headers.Reset("POST", "http", "test.local", "/");
        var block = new byte[64];
        connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: true, flush: true);
        await started.Task.WaitAsync(Generous);

        stream.Cancel();
        connection.Finish(stream);

        await aborted.Task.WaitAsync(Generous);
        Assert.Equal(ReadState.Failed, stream.Poll());
        Assert.Equal(0, connection.ActiveStreams);
    }

    [Fact]
    public async Task AGracefulServerShutdownLetsTheStreamInFlightFinishAndTheConnectionLeavesThePool()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TestH2Server.StartAsync(async context =>
        {
            started.TrySetResult();
            await release.Task;
            await context.Response.WriteAsync("finished");
        });
        await using var _ = server;
        using var pool = new Http2ConnectionPool(server.EndPoint, Options);
        var call = SendAsync(pool, "/", []);
        await started.Task.WaitAsync(Generous);
        var connection = await pool.AcquireAsync(CancellationToken.None); // the same connection (one slot more)
        connection.Unreserve();

        var stopping = server.StopAsync(Generous); // GOAWAY, then waits for the call
        await Eventually(() => connection.IsDraining);
        Assert.Equal(0, pool.ConnectionCount); // never handed out again
        release.SetResult();

        Assert.Equal("finished", Encoding.ASCII.GetString((await call.WaitAsync(Generous)).Body));
        await stopping.WaitAsync(Generous);
        Assert.False(connection.TryReserve());
    }

    [Fact]
    public async Task AConnectionToCloseAfterItsLastStreamTakesNoNewStreamOnceThatStreamEnds()
    {
        await using var server = await TestH2Server.StartAsync(Echo);
        var pool = new Http2ConnectionPool(server.EndPoint, Options);
        var connection = await pool.AcquireAsync(CancellationToken.None);
        var stream = new Http2Stream(connection);
        var headers = new Http2RequestHeaders();
        headers.Reset("POST", "http", "test.local", "/");
        var block = new byte[64];
        connection.SendHeaders(stream, block.AsSpan(0, headers.Encode(ref block)), endStream: false, flush: true);
        pool.Dispose(); // busy: CloseAfterLastStream

        connection.Finish(stream); // the last stream ends: a Close() is queued

        // Before or after that Close() runs, no stream may be started on the connection.
        Assert.True(connection.IsDraining);
        Assert.False(connection.TryReserve());
        await connection.Completion.WaitAsync(Generous);
    }

    [Fact]
    public async Task AConnectionToANonListeningPortFails()
    {
        int port;
        await using (var server = await TestH2Server.StartAsync(Echo))
        {
            port = server.Port;
        }

        using var pool = new Http2ConnectionPool(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), Options);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => pool.AcquireAsync(CancellationToken.None).AsTask());
        Assert.Equal(0, pool.ConnectionCount);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}

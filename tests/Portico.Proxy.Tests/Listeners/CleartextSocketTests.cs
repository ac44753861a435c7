using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

public sealed class CleartextSocketTests
{
    private static readonly Method<byte[], byte[]> GrpcEcho = GrpcMethod("Unary");
    private static readonly Method<byte[], byte[]> GrpcFail = GrpcMethod("Fail");

    [Fact]
    public async Task Http11_and_h2c_prior_knowledge_share_one_port()
    {
        await using var harness = new ListenerHarness();
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        var key = $"127.0.0.1:{port}";

        using var http11 = TestClients.Cleartext(HttpVersion.Version11);
        using var get = await http11.GetAsync(new Uri($"http://127.0.0.1:{port}/echo"));
        Assert.Equal(HttpVersion.Version11, get.Version);
        Assert.Equal($"HTTP/1.1|http|127.0.0.1:{port}|{key}|/echo", await get.Content.ReadAsStringAsync());
        Assert.False(get.Headers.Contains("Server"));

        // POST starts with 'P' like the preface: the sniffer must decide at the second byte, not wait for 24.
        using var post = await http11.PostAsync(new Uri($"http://127.0.0.1:{port}/echo"), new StringContent("body"));
        Assert.Equal($"HTTP/1.1|http|127.0.0.1:{port}|{key}|/echo", await post.Content.ReadAsStringAsync());

        using var h2c = TestClients.Cleartext(HttpVersion.Version20);
        using var h2Get = await h2c.GetAsync(new Uri($"http://localhost:{port}/echo"));
        Assert.Equal(HttpVersion.Version20, h2Get.Version);
        Assert.Equal($"HTTP/2|http|localhost:{port}|{key}|/echo", await h2Get.Content.ReadAsStringAsync());
        using var h2Post = await h2c.PostAsync(new Uri($"http://localhost:{port}/echo"), new StringContent("body"));
        Assert.Equal(HttpVersion.Version20, h2Post.Version);

        // Kestrel's bind-time warning that HTTP/2 is disabled on this endpoint is wrong here and filtered out.
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 1001);
        Assert.DoesNotContain(harness.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task The_connection_limit_applies_per_socket()
    {
        await using var harness = new ListenerHarness(new ListenerManagerOptions { MaxConcurrentConnections = 1 });
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        using var first = TestClients.Cleartext(HttpVersion.Version20);
        using var second = TestClients.Cleartext(HttpVersion.Version11);

        // The first client keeps its connection open in its pool; the second is one connection too many.
        Assert.StartsWith("HTTP/2|", await first.GetStringAsync(new Uri($"http://127.0.0.1:{port}/echo")), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => second.GetStringAsync(new Uri($"http://127.0.0.1:{port}/echo")));
    }

    [Fact]
    public async Task H2c_request_claiming_https_is_seen_as_http()
    {
        await using var harness = new ListenerHarness();
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));

        var body = await RawH2c.GetAsync(port, scheme: "https", path: "/echo");

        Assert.Equal($"HTTP/2|http|127.0.0.1:{port}|127.0.0.1:{port}|/echo", body);
    }

    [Fact]
    public async Task Grpc_calls_work_over_h2c_through_the_sniffing()
    {
        await using var harness = new ListenerHarness();
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10));

        var reply = await invoker.AsyncUnaryCall(GrpcEcho, null, options, Encoding.UTF8.GetBytes("hello"));
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(GrpcFail, null, options, []));

        Assert.Equal($"hello via 127.0.0.1:{port} HTTP/2", Encoding.UTF8.GetString(reply));
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("nope", failure.Status.Detail);
    }

    [Fact]
    public async Task A_connection_stalled_inside_the_preface_is_closed_after_the_preface_timeout()
    {
        await using var harness = new ListenerHarness(new ListenerManagerOptions { PrefaceTimeout = TimeSpan.FromSeconds(1) });
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var elapsed = Stopwatch.StartNew();

        await socket.SendAsync("PRI * HTTP/2.0\r\n"u8.ToArray());
        var closed = await ReadUntilClosedAsync(socket, TimeSpan.FromSeconds(5));

        Assert.True(closed, "the server should close a connection that stalls inside the preface");
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_quiet_stream_outlives_the_keep_alive_timeout_and_pings()
    {
        // Keep-alive timeout and ping delay far below the quiet period: neither may cut a stream that is in
        // flight with a live client. Five seconds keeps the suite fast; nothing in Kestrel measures stream idleness
        // (see SocketServerFactory), so minutes behave the same as these seconds.
        var options = new ListenerManagerOptions
        {
            KeepAliveTimeout = TimeSpan.FromSeconds(1),
            KeepAlivePingDelay = TimeSpan.FromSeconds(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(1),
        };
        await using var harness = new ListenerHarness(options);
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Cleartext(port));
        using var h2c = TestClients.Cleartext(HttpVersion.Version20);
        var elapsed = Stopwatch.StartNew();

        using var response = await h2c.GetAsync(new Uri($"http://127.0.0.1:{port}/idle/5000"), HttpCompletionOption.ResponseHeadersRead);
        var headersAfter = elapsed.Elapsed;
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(headersAfter < TimeSpan.FromSeconds(3), $"headers took {headersAfter}");
        Assert.Equal("awake", body);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromSeconds(4.9), $"finished after {elapsed.Elapsed}");
    }

    private static async Task<bool> ReadUntilClosedAsync(Socket socket, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Method<byte[], byte[]> GrpcMethod(string name)
    {
        var marshaller = Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes);
        return new Method<byte[], byte[]>(MethodType.Unary, "portico.test.Echo", name, marshaller, marshaller);
    }
}

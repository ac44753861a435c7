using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Filters;

/// <summary>x-forwarded-* headers and hop-by-hop headers (issue item 7).</summary>
[Collection(FiltersCollection.Name)]
public sealed class ForwardedHeaderTests(FiltersFixture fixture)
{
    [Fact]
    public async Task HttpRequestGetsForwardedForAndProto()
    {
        using var http = TestHttpClients.Http1(fixture.Port, "fwd.example.com");

        using var response = await http.GetAsync("/");
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal("127.0.0.1", echo.Headers["x-forwarded-for"]);
        Assert.Equal("http", echo.Headers["x-forwarded-proto"]);
    }

    [Fact]
    public async Task ForwardedForAppendsToTheClientsValueAndProtoIsReplaced()
    {
        using var http = TestHttpClients.Http1(fixture.Port, "fwd.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal("203.0.113.9, 127.0.0.1", echo.Headers["x-forwarded-for"]);
        Assert.Equal("http", echo.Headers["x-forwarded-proto"]); // the socket says http, whatever the client claims
    }

    [Fact]
    public async Task GrpcRequestGetsForwardedForAndProto()
    {
        var reply = await new Echo.EchoClient(fixture.Channel("fwd.example.com")).UnaryAsync(new EchoRequest());

        Assert.Equal("127.0.0.1", reply.Metadata["x-forwarded-for"]);
        Assert.Equal("http", reply.Metadata["x-forwarded-proto"]);
    }

    [Fact]
    public async Task HopByHopHeadersAreNotForwarded()
    {
        // Raw HTTP/1.1, so no client library drops or rewrites any of these; the upstream is HTTP/1.1 too, where
        // they would be legal on the wire if the gateway passed them on. (No "close"/"keep-alive" token in
        // Connection: Kestrel then reports only that token to the application, hiding the other options.)
        var request =
            "GET /hop HTTP/1.1\r\n" +
            $"Host: fwd.example.com:{fixture.Port}\r\n" +
            "Connection: X-Hop-Custom\r\n" +
            "Keep-Alive: timeout=5\r\n" +
            "Proxy-Connection: keep-alive\r\n" +
            "Upgrade: example/1\r\n" +
            "X-Hop-Custom: named-in-connection\r\n" +
            "X-End-To-End: kept\r\n" +
            "\r\n";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var (status, body) = await ReadResponseAsync(stream).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, status);
        var echo = JsonSerializer.Deserialize<HttpEchoResponse>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal("web", echo.Server);
        Assert.Equal("kept", echo.Headers["x-end-to-end"]);
        Assert.False(echo.Headers.ContainsKey("keep-alive"));
        Assert.False(echo.Headers.ContainsKey("proxy-connection"));
        Assert.False(echo.Headers.ContainsKey("upgrade"));
        Assert.False(echo.Headers.ContainsKey("connection"));
        Assert.False(echo.Headers.ContainsKey("x-hop-custom"), "a header named in Connection is hop-by-hop (RFC 9110 §7.6.1)");
    }

    /// <summary>Reads one HTTP/1.1 response (Content-Length or chunked) without waiting for the connection to close.</summary>
    private static async Task<(int Status, string Body)> ReadResponseAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            buffer.AddRange(chunk.AsSpan(0, await ReadSomeAsync(stream, chunk)).ToArray());
        }

        var head = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var rest = buffer.Skip(headerEnd + 4).ToList();
        if (headers.TryGetValue("content-length", out var length))
        {
            var n = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            while (rest.Count < n)
            {
                rest.AddRange(chunk.AsSpan(0, await ReadSomeAsync(stream, chunk)).ToArray());
            }

            return (status, Encoding.UTF8.GetString([.. rest.Take(n)]));
        }

        // Chunked: read until the last chunk, then decode.
        while (IndexOf(rest, "0\r\n\r\n"u8.ToArray()) < 0)
        {
            rest.AddRange(chunk.AsSpan(0, await ReadSomeAsync(stream, chunk)).ToArray());
        }

        var body = new StringBuilder();
        var text = Encoding.UTF8.GetString([.. rest]);
        while (true)
        {
            var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(text[..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return (status, body.ToString());
            }

            body.Append(text.AsSpan(lineEnd + 2, size));
            text = text[(lineEnd + 2 + size + 2)..];
        }
    }

    private static async Task<int> ReadSomeAsync(Stream stream, byte[] chunk)
    {
        var n = await stream.ReadAsync(chunk);
        return n > 0 ? n : throw new EndOfStreamException("the gateway closed the connection mid-response");
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}

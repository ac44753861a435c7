using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Portico.EndToEnd.Tests.Support;

/// <summary>
/// Hand-made gRPC requests for <see cref="HttpClient"/>, to look at the wire itself (where the trailers are, which
/// status code and headers came back) rather than at what Grpc.Net.Client makes of it.
/// </summary>
internal static class GrpcWire
{
    /// <summary>A unary gRPC POST of <paramref name="message"/> to <paramref name="path"/> (<c>/service/method</c>).</summary>
    public static HttpRequestMessage Request(string path, IMessage message, string? grpcTimeout = null)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame.AsSpan(5));
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.ParseAdd("trailers");
        if (grpcTimeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", grpcTimeout);
        }

        return request;
    }

    /// <summary>A header's single value, or null.</summary>
    public static string? Single(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary><c>grpc-status</c> from the headers (trailers-only) or the trailers.</summary>
    public static string? Status(HttpResponseMessage response) =>
        Single(response.Headers, "grpc-status") ?? Single(response.TrailingHeaders, "grpc-status");

    /// <summary>Parses a <c>grpc-timeout</c> value (1-8 digits and a unit).</summary>
    public static TimeSpan ParseTimeout(string value)
    {
        var n = long.Parse(value.AsSpan(0, value.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(n),
            'M' => TimeSpan.FromMinutes(n),
            'S' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMilliseconds(n),
            'u' => TimeSpan.FromTicks(n * 10),
            'n' => TimeSpan.FromTicks(n / 100),
            _ => throw new FormatException($"bad grpc-timeout unit in '{value}'"),
        };
    }
}

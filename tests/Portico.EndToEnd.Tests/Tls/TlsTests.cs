using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Portico.Testing;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Tls;

/// <summary>HTTPS listeners: SNI picks the certificate, ALPN offers h2, Host picks the listener (issue item 3).</summary>
public sealed class TlsTests(TlsFixture fixture) : IClassFixture<TlsFixture>
{
    [Theory]
    [InlineData(TlsFixture.HostA)]
    [InlineData(TlsFixture.HostB)]
    public async Task HandshakeServesTheCertificateOfTheSniHostnameAndNegotiatesH2(string host)
    {
        var expected = host == TlsFixture.HostA ? fixture.CertificateA : fixture.CertificateB;
        X509Certificate2? served = null;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Port);
        await using var tls = new SslStream(tcp.GetStream());

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return served is not null;
            },
        });

        Assert.NotNull(served);
        Assert.Equal(expected.Certificate.Thumbprint, served.Thumbprint);
        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);
        served.Dispose();
    }

    [Fact]
    public async Task HandshakeForAnUnknownServerNameFails()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Port);
        await using var tls = new SslStream(tcp.GetStream());

        var e = await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "c.example.com",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        }));

        Assert.True(e is AuthenticationException or IOException, e.ToString());
    }

    [Theory]
    [InlineData(TlsFixture.HostA, "a")]
    [InlineData(TlsFixture.HostB, "b")]
    public async Task GrpcOverTlsReachesTheListenersRoute(string host, string backend)
    {
        // The channel trusts only the test CA and checks the name, so the wrong certificate would fail the call.
        using var channel = GrpcClients.CreateTlsChannel(fixture.Port, host, fixture.Authority.Certificate);

        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "tls" });

        Assert.Equal(backend, reply.Server);
        Assert.Equal($"{host}:{fixture.Port}", reply.Authority);
        Assert.Equal("https", reply.Metadata["x-forwarded-proto"]);
        Assert.Equal("HTTP/2", reply.Protocol);
    }

    [Fact]
    public async Task StreamingOverTlsWorks()
    {
        using var channel = GrpcClients.CreateTlsChannel(fixture.Port, TlsFixture.HostA, fixture.Authority.Certificate);
        using var call = new Echo.EchoClient(channel).ServerStream(new StreamRequest { Count = 100 });

        var count = 0;
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(++count, reply.Sequence);
        }

        Assert.Equal(100, count);
    }

    [Fact]
    public async Task RoutesOfOneListenerDoNotServeAnother()
    {
        // Route "a" matches every method but is attached to listener a only; listener b's route has Echo/Unary alone.
        using var a = GrpcClients.CreateTlsChannel(fixture.Port, TlsFixture.HostA, fixture.Authority.Certificate);
        using var b = GrpcClients.CreateTlsChannel(fixture.Port, TlsFixture.HostB, fixture.Authority.Certificate);

        var viaA = await new Other.OtherClient(a).CallAsync(new EchoRequest());
        var e = await Assert.ThrowsAsync<RpcException>(() => new Other.OtherClient(b).CallAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("a", viaA.Server);
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public async Task Http1OverTlsIsServedWithForwardedProtoHttps()
    {
        using var http = TestHttpClients.Https(fixture.Port, TlsFixture.HostA, fixture.Authority.Certificate, HttpVersion.Version11);

        using var response = await http.GetAsync("/web/secure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var echo = await HttpEchoResponse.ReadAsync(response);
        Assert.Equal("a", echo.Server);
        Assert.Equal("https", echo.Headers["x-forwarded-proto"]);
    }

    [Fact]
    public async Task HttpRouteOfListenerAIsNotReachableThroughListenerB()
    {
        using var http = TestHttpClients.Https(fixture.Port, TlsFixture.HostB, fixture.Authority.Certificate);

        using var response = await http.GetAsync("/web/secure");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

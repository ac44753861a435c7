using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Lifecycle.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>A TLS Secret replaced in place: new handshakes present the new certificate; the socket is not rebound.</summary>
public sealed class CertificateRotationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NewHandshakesGetTheNewCertificateAndExistingConnectionsKeepWorking()
    {
        await using var v1 = await TestBackend.StartAsync("v1");
        using var ca = TestCertificates.CreateAuthority();
        using var first = ca.IssueServerCertificate("api.example.com");
        using var second = ca.IssueServerCertificate("api.example.com");
        Assert.NotEqual(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        var port = FreePorts.Next();
        using var dir = ManifestDirectory.Create();
        dir.Write("all.yaml", new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Https("tls", port, "api-cert")])
            .Service("one", [v1], port: 9000)
            .GrpcRoute("r", ["gw"], ["api.example.com"], [RouteRule.To(new BackendRef("one", 9000))]));
        dir.Write("secret.yaml", new Manifests().TlsSecret("api-cert", first));
        await using var host = await LocalGateway.StartAsync(dir, output);

        using var existing = new ObservedChannel(port, "api.example.com", tls: true);
        Assert.Equal("v1", (await existing.Client.UnaryAsync(new EchoRequest())).Server);
        Assert.Equal([first.Certificate.Thumbprint], existing.Thumbprints);

        dir.Write("secret.yaml", new Manifests().TlsSecret("api-cert", second));
        var rotated = await Eventually.ReturnsAsync(async () =>
        {
            using var fresh = new ObservedChannel(port, "api.example.com", tls: true);
            var reply = await fresh.Client.UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            Assert.Equal("v1", reply.Server);
            return fresh.Thumbprints.Single();
        }, thumbprint => thumbprint == second.Certificate.Thumbprint);
        Assert.Equal(second.Certificate.Thumbprint, rotated);

        // A rebind would have drained the old socket (GOAWAY) and made this channel reconnect and handshake again.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("v1", (await existing.Client.UnaryAsync(new EchoRequest())).Server);
        }

        Assert.Equal(1, existing.Connections);
        Assert.Equal([first.Certificate.Thumbprint], existing.Thumbprints);
    }
}

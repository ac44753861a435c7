using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Grpc_over_tls_with_pinned_host_sends_sni_and_authority()
    {
        using var ca = TestCertificates.CreateAuthority();
        using var leaf = ca.IssueServerCertificate("api.example.com", "*.apps.example.com");
        await using var backend = await TestBackend.StartAsync("secure", new TestBackendOptions { Certificate = leaf.Certificate });
        using var channel = GrpcClients.CreateTlsChannel(backend.Port, "api.example.com", ca.Certificate);

        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "tls" });

        Assert.Equal("secure", reply.Server);
        Assert.Equal($"api.example.com:{backend.Port}", reply.Authority);
        Assert.Equal("api.example.com", backend.Requests.Single().Sni);
    }

    [Fact]
    public async Task Wildcard_name_and_authority_override_drive_sni()
    {
        using var ca = TestCertificates.CreateAuthority();
        using var leaf = ca.IssueServerCertificate(["*.apps.example.com"], TestKeyType.Rsa2048);
        await using var backend = await TestBackend.StartAsync("secure", new TestBackendOptions { Certificate = leaf.Certificate, Protocol = BackendProtocol.Http1AndHttp2 });
        var target = new ClientTarget(backend.Port) { UseTls = true, TrustedCa = ca.Certificate, Authority = "one.apps.example.com", HttpVersion = HttpVersion.Version11 };
        using var client = TestHttpClients.Create(target);

        using var response = await client.GetAsync("/hello");
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal("one.apps.example.com", echo.Authority);
        Assert.Equal("HTTP/1.1", echo.Protocol);
        Assert.Equal("one.apps.example.com", backend.Requests.Single().Sni);
    }

    [Fact]
    public async Task Certificate_from_another_ca_is_rejected()
    {
        using var ca = TestCertificates.CreateAuthority();
        using var other = TestCertificates.CreateAuthority("Other CA");
        using var leaf = ca.IssueServerCertificate("api.example.com");
        await using var backend = await TestBackend.StartAsync("secure", new TestBackendOptions { Certificate = leaf.Certificate });
        using var channel = GrpcClients.CreateTlsChannel(backend.Port, "api.example.com", other.Certificate);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        // Grpc.Net.Client reports a failed handshake as Internal or Unavailable depending on where it surfaces.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact]
    public async Task Name_mismatch_is_rejected_but_accepted_without_a_trusted_ca()
    {
        using var ca = TestCertificates.CreateAuthority();
        using var leaf = ca.IssueServerCertificate("api.example.com");
        await using var backend = await TestBackend.StartAsync("secure", new TestBackendOptions { Certificate = leaf.Certificate });
        using var strict = GrpcClients.CreateTlsChannel(backend.Port, "wrong.example.com", ca.Certificate);
        using var lax = GrpcClients.CreateTlsChannel(backend.Port, "wrong.example.com");

        await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(strict).UnaryAsync(new EchoRequest()));
        Assert.Equal("secure", (await new Echo.EchoClient(lax).UnaryAsync(new EchoRequest())).Server);
    }

    [Fact]
    public async Task Self_signed_certificate_can_be_trusted_directly()
    {
        using var cert = TestCertificates.CreateSelfSigned("self.example.com");
        await using var backend = await TestBackend.StartAsync("self", new TestBackendOptions { Certificate = cert.Certificate });
        using var channel = GrpcClients.CreateTlsChannel(backend.Port, "self.example.com", cert.Certificate);

        Assert.Equal("self", (await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest())).Server);
    }

    [Theory]
    [InlineData(TestKeyType.EcdsaP256)]
    [InlineData(TestKeyType.Rsa2048)]
    public void Pem_and_secret_data_round_trip(TestKeyType keyType)
    {
        using var ca = TestCertificates.CreateAuthority(keyType: keyType);
        using var leaf = ca.IssueServerCertificate(["a.example.com", "b.example.com"], keyType);

        using var fromPem = X509Certificate2.CreateFromPem(leaf.CertificatePem, leaf.PrivateKeyPem);
        var crt = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(leaf.SecretData[TestCertificate.SecretCertKey]));
        var key = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(leaf.SecretData[TestCertificate.SecretKeyKey]));

        Assert.True(fromPem.HasPrivateKey);
        Assert.Equal(leaf.Certificate.Thumbprint, fromPem.Thumbprint);
        Assert.Equal(leaf.CertificatePem, crt);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", key, StringComparison.Ordinal);
        Assert.True(fromPem.MatchesHostname("b.example.com"));
        Assert.Equal(leaf.CertificatePem + ca.CertificatePem, leaf.ChainPem);
        Assert.Equal(ca.Certificate.Subject, leaf.Certificate.Issuer);
    }

    [Fact]
    public void Client_certificate_has_client_auth_usage()
    {
        using var ca = TestCertificates.CreateAuthority();
        using var client = ca.IssueClientCertificate("tester");

        var usage = client.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();

        Assert.Equal("CN=tester", client.Certificate.Subject);
        Assert.Contains(usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
    }
}

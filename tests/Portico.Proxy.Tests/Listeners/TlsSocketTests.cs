using System.Net;
using Microsoft.Extensions.Logging;

namespace Portico.Proxy.Tests.Listeners;

public sealed class TlsSocketTests
{
    [Fact]
    public async Task Sni_selects_the_certificate_and_alpn_offers_h2_and_http11()
    {
        await using var harness = new ListenerHarness();
        using var certificateA = TestCertificates.Create("a.test");
        using var certificateB = TestCertificates.Create("b.test");
        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(certificateA);
        harness.Application.Tls["b.test"] = TestCertificates.ServerOptions(certificateB);
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Tls(port));
        var key = $"127.0.0.1:{port}";

        foreach (var (host, certificate) in new[] { ("a.test", certificateA), ("b.test", certificateB) })
        {
            foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
            {
                string? seen = null;
                using var client = TestClients.Tls(port, version, thumbprint => seen = thumbprint);
                using var response = await client.GetAsync(new Uri($"https://{host}:{port}/echo"));
                var protocol = version == HttpVersion.Version20 ? "HTTP/2" : "HTTP/1.1";

                Assert.Equal(version, response.Version);
                Assert.Equal($"{protocol}|https|{host}:{port}|{key}|/echo", await response.Content.ReadAsStringAsync());
                Assert.Equal(certificate.Thumbprint, seen);
            }
        }
    }

    [Fact]
    public async Task An_unknown_server_name_fails_the_handshake_quietly()
    {
        await using var harness = new ListenerHarness();
        using var certificate = TestCertificates.Create("a.test");
        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(certificate);
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Tls(port));

        using var stranger = TestClients.Tls(port, HttpVersion.Version20);
        await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync(new Uri($"https://c.test:{port}/echo")));

        using var known = TestClients.Tls(port, HttpVersion.Version20);
        using var response = await known.GetAsync(new Uri($"https://a.test:{port}/echo"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == 1007);
        Assert.DoesNotContain(harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_rotated_certificate_is_served_to_new_handshakes_without_rebinding()
    {
        await using var harness = new ListenerHarness();
        using var before = TestCertificates.Create("a.test");
        using var after = TestCertificates.Create("a.test");
        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(before);
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Tls(port));
        var key = $"127.0.0.1:{port}";
        var server = await harness.Manager.GetServerAsync(key);

        string? first = null;
        using var oldClient = TestClients.Tls(port, HttpVersion.Version20, thumbprint => first = thumbprint);
        (await oldClient.GetAsync(new Uri($"https://a.test:{port}/echo"))).Dispose();

        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(after);
        await harness.BindAsync(ListenerHarness.Tls(port));

        string? second = null;
        using var newClient = TestClients.Tls(port, HttpVersion.Version20, thumbprint => second = thumbprint);
        using var fresh = await newClient.GetAsync(new Uri($"https://a.test:{port}/echo"));
        // The connection made before the rotation is untouched and keeps working.
        using var reused = await oldClient.GetAsync(new Uri($"https://a.test:{port}/echo"));

        Assert.Equal(before.Thumbprint, first);
        Assert.Equal(after.Thumbprint, second);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Same(server, await harness.Manager.GetServerAsync(key));
    }

    [Theory]
    [InlineData(TestSocketApplication.ThrowingServerName, 1008)]
    [InlineData("nocert.test", 1009)]
    public async Task A_failing_certificate_choice_fails_the_handshake_not_the_socket(string serverName, int eventId)
    {
        await using var harness = new ListenerHarness();
        var port = TestPorts.Free();
        await harness.BindAsync(ListenerHarness.Tls(port));
        using var certificate = TestCertificates.Create("a.test");
        harness.Application.Tls["nocert.test"] = new();
        harness.Application.Tls["a.test"] = TestCertificates.ServerOptions(certificate);

        using var failing = TestClients.Tls(port, HttpVersion.Version11);
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.GetAsync(new Uri($"https://{serverName}:{port}/echo")));
        using var client = TestClients.Tls(port, HttpVersion.Version11);
        using var response = await client.GetAsync(new Uri($"https://a.test:{port}/echo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId.Id == eventId);
        Assert.DoesNotContain(harness.Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }
}

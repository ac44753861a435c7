using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Tls;

/// <summary>
/// Two HTTPS listeners on one port, <c>a.example.com</c> and <c>b.example.com</c>, each with its own certificate.
/// Route <c>a</c> (listener a only) takes every gRPC method and <c>/web</c>; route <c>b</c> (listener b only) takes
/// <c>Echo/Unary</c> alone.
/// </summary>
public sealed class TlsFixture : GatewayFixture
{
    public const string HostA = "a.example.com";
    public const string HostB = "b.example.com";

    public TestCertificateAuthority Authority { get; } = TestCertificates.CreateAuthority();

    public TestCertificate CertificateA { get; private set; } = null!;

    public TestCertificate CertificateB { get; private set; } = null!;

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        CertificateA = Authority.IssueServerCertificate(HostA);
        CertificateB = Authority.IssueServerCertificate(HostB);
        Own(new DisposeAll(Authority, CertificateA, CertificateB));
        var backends = await StartBackendsAsync("a", "b");
        return new Manifests()
            .GatewayClass()
            .TlsSecret("cert-a", CertificateA)
            .TlsSecret("cert-b", CertificateB)
            .Gateway("tls", [
                GatewayListener.Https("a", Port, "cert-a", HostA),
                GatewayListener.Https("b", Port, "cert-b", HostB),
            ])
            .Service("a", [backends[0]], port: 9000)
            .Service("b", [backends[1]], port: 9000)
            .GrpcRoute("a", [new ParentRef("tls") { SectionName = "a" }], null, [RouteRule.To(new BackendRef("a", 9000))])
            .HttpRoute("a-web", [new ParentRef("tls") { SectionName = "a" }], null, [
                RouteRule.To(new BackendRef("a", 9000)).WithMatches(RouteMatch.PathPrefix("/web")),
            ])
            .GrpcRoute("b", [new ParentRef("tls") { SectionName = "b" }], null, [
                RouteRule.To(new BackendRef("b", 9000)).WithMatches(RouteMatch.GrpcMethod("portico.test.Echo", "Unary")),
            ]);
    }

    private sealed class DisposeAll(params IDisposable[] items) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            foreach (var i in items)
            {
                i.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}

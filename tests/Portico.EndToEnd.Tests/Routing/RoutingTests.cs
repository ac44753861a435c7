using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Routing;

/// <summary>Method, header and hostname routing with the precedence cases of conformance (issue item 4).</summary>
public sealed class RoutingTests(RoutingFixture fixture) : IClassFixture<RoutingFixture>
{
    private const string Anchor = "portico.test.Anchor";
    private const string Echo = "portico.test.Echo";

    [Theory]
    [InlineData("Echo", "v1")]
    [InlineData("EchoTwo", "v2")]
    [InlineData("EchoThree", "Unimplemented")]
    [InlineData("echo", "Unimplemented")] // case-sensitive
    public async Task ExactMethodMatching(string method, string expected)
    {
        Assert.Equal(expected, await Outcome("exact.example.com", Anchor, method));
    }

    [Fact]
    public async Task ExactMethodMatchIsAnchoredNotAPrefix()
    {
        Assert.Equal("v1", await Outcome("anchor.example.com", Anchor, "Echo"));
        Assert.Equal("Unimplemented", await Outcome("anchor.example.com", Anchor, "EchoTwo"));
        Assert.Equal("Unimplemented", await Outcome("anchor.example.com", "portico.test.AnchorX", "Echo"));
    }

    [Theory]
    [InlineData("version=one", "v1")]
    [InlineData("version=two", "v2")]
    [InlineData("version=two,color=orange", "v1")]
    [InlineData("version=two,color=blue", "v2")] // one header each: the earlier rule wins
    [InlineData("color=orange", "Unimplemented")]
    [InlineData("some-other-header=one", "Unimplemented")]
    [InlineData("color=blue", "v1")]
    [InlineData("color=green", "v1")]
    [InlineData("color=red", "v2")]
    [InlineData("color=yellow", "v2")]
    [InlineData("color=purple", "Unimplemented")]
    [InlineData("version=One", "Unimplemented")] // values are case-sensitive
    public async Task HeaderMatching(string headers, string expected)
    {
        var metadata = new Metadata();
        foreach (var pair in headers.Split(','))
        {
            var (name, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            metadata.Add(char.ToUpperInvariant(name[0]) + name[1..], value); // sent as "Version"; gRPC lower-cases keys
        }

        Assert.Equal(expected, await Outcome("headers.example.com", Echo, "Unary", metadata));
    }

    [Theory]
    [InlineData(Echo, "Unary", "v2")]                // exact service+method, though the service-only rule comes first
    [InlineData(Echo, "NoSuchMethod", "v1")]         // service only (v1 itself answers Unimplemented)
    [InlineData("portico.test.Other", "Call", "v3")] // regular expression on the service
    [InlineData(Anchor, "EchoTwo", "v3")]            // method only
    [InlineData(Anchor, "Echo", "Unimplemented")]
    public async Task MethodMatchKindsAndPrecedence(string service, string method, string expected)
    {
        var reply = await CallAsync("methods.example.com", service, method);

        Assert.Equal(expected, reply.Server ?? reply.Status.ToString());
    }

    [Fact]
    public async Task ServiceOnlyMatchTakesEveryMethodOfTheService()
    {
        using var call = new Portico.Testing.Protos.Echo.EchoClient(fixture.Channel("methods.example.com"))
            .ServerStream(new Portico.Testing.Protos.StreamRequest { Count = 3 });

        var servers = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            servers.Add(reply.Server);
        }

        Assert.Equal(["v1", "v1", "v1"], servers);
    }

    [Theory]
    [InlineData("x.wild.example.com", "v2")]
    [InlineData("y.wild.example.com", "v1")]
    [InlineData("a.b.wild.example.com", "v1")]
    [InlineData("wild.example.com", "Unimplemented")]
    public async Task ExactRouteHostnameBeatsWildcard(string host, string expected)
    {
        Assert.Equal(expected, await Outcome(host, Echo, "Unary"));
    }

    [Theory]
    [InlineData("bar.com", "v1")]
    [InlineData("foo.bar.com", "v2")]
    [InlineData("baz.bar.com", "v3")]
    [InlineData("boo.bar.com", "v3")]
    [InlineData("multiple.prefixes.bar.com", "v3")]
    [InlineData("multiple.prefixes.foo.com", "v3")]
    [InlineData("foo.com", "Unimplemented")]
    [InlineData("no.matching.host", "Unimplemented")]
    public async Task ListenerHostnameMatching(string host, string expected)
    {
        var outcome = await GrpcCalls.OutcomeAsync(fixture.Channel(fixture.HostsPort, host).CreateCallInvoker(), Echo, "Unary");

        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("exact.example.com")]      // no port at all
    [InlineData("exact.example.com:1234")] // a port that is not the listener's
    [InlineData("EXACT.Example.COM")]      // hostnames are case-insensitive
    public async Task AuthorityPortAndCaseAreIgnoredByRouteHostnameMatching(string authority)
    {
        using var channel = GrpcClients.CreateChannel(new ClientTarget(fixture.Port) { Authority = authority });

        var reply = await GrpcCalls.UnaryAsync(channel.CreateCallInvoker(), Anchor, "Echo");

        Assert.Equal("v1", reply.Server);
        Assert.Equal(authority, reply.Authority); // forwarded unchanged
    }

    [Theory]
    [InlineData("foo.bar.com:80", "v2")]
    [InlineData("FOO.bar.com", "v2")]
    [InlineData("x.FOO.com:9", "v3")]
    public async Task AuthorityPortAndCaseAreIgnoredByListenerHostnameMatching(string authority, string expected)
    {
        using var channel = GrpcClients.CreateChannel(new ClientTarget(fixture.HostsPort) { Authority = authority });

        var reply = await GrpcCalls.UnaryAsync(channel.CreateCallInvoker(), Echo, "Unary");

        Assert.Equal(expected, reply.Server);
    }

    [Theory]
    [InlineData("unknown.example.org")]
    [InlineData("127.0.0.1")]
    public async Task UnknownHostnameIsUnimplemented(string host)
    {
        Assert.Equal("Unimplemented", await Outcome(host, Echo, "Unary"));
    }

    /// <summary>The reply's backend (Server) when the backend answered, else the status the client got.</summary>
    private async Task<(string? Server, StatusCode Status)> CallAsync(string host, string service, string method)
    {
        var invoker = fixture.Channel(host).CreateCallInvoker();
        try
        {
            return ((await GrpcCalls.UnaryAsync(invoker, service, method)).Server, StatusCode.OK);
        }
        catch (RpcException e) when (e.Trailers.GetValue(TestBackend.ServerHeader) is { } server)
        {
            return (server, e.StatusCode); // the backend itself failed the call
        }
        catch (RpcException e)
        {
            return (null, e.StatusCode);
        }
    }

    private Task<string> Outcome(string host, string service, string method, Metadata? headers = null) =>
        GrpcCalls.OutcomeAsync(fixture.Channel(host).CreateCallInvoker(), service, method, headers);
}

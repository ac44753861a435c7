using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.Proxy.Forwarding;
using Portico.Proxy.Metrics;
using Portico.Proxy.Telemetry;

namespace Portico.Proxy.Tests.Telemetry;

/// <summary>
/// The response counter of a gRPC call over HTTP/2 stays out of the feature collection while the h2 forwarder may
/// take the call (it counts what it writes itself), and is put in place for any other path.
/// </summary>
public sealed class ResponseCounterInstallTests
{
    private static DefaultHttpContext GrpcContext(string protocol)
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = protocol;
        context.Request.ContentType = "application/grpc";
        context.Request.Method = "POST";
        context.Request.Path = "/pkg.Svc/Method";
        return context;
    }

    [Fact]
    public void GrpcOverHttp2_OnTheH2Forwarder_IsDeferredUntilAnotherPathInstallsIt()
    {
        var context = GrpcContext("HTTP/2");
        var server = context.Features.Get<IHttpResponseBodyFeature>();
        var observer = new CallObserver(new ProxyMetrics(), new ProxyOptions { GrpcForwarder = GrpcForwarderKind.H2 }, null);

        var call = observer.Begin(context, grpc: true);

        Assert.NotNull(call.ResponseBody);
        Assert.True(call.ResponseCounterDeferred);
        Assert.Same(server, context.Features.Get<IHttpResponseBodyFeature>());
        Assert.Same(server, call.ResponseBody!.Inner);

        call.InstallResponseCounter(context);
        Assert.False(call.ResponseCounterDeferred);
        Assert.Same(call.ResponseBody, context.Features.Get<IHttpResponseBodyFeature>());

        call.InstallResponseCounter(context); // once only
        Assert.Same(call.ResponseBody, context.Features.Get<IHttpResponseBodyFeature>());
    }

    [Theory]
    [InlineData("HTTP/2", GrpcForwarderKind.Yarp)]
    [InlineData("HTTP/2", GrpcForwarderKind.Direct)]
    [InlineData("HTTP/1.1", GrpcForwarderKind.H2)]
    public void OtherwiseTheCounterStandsInForTheServersFeatureFromTheStart(string protocol, GrpcForwarderKind kind)
    {
        var context = GrpcContext(protocol);
        var observer = new CallObserver(new ProxyMetrics(), new ProxyOptions { GrpcForwarder = kind }, null);

        var call = observer.Begin(context, grpc: true);

        Assert.False(call.ResponseCounterDeferred);
        Assert.Same(call.ResponseBody, context.Features.Get<IHttpResponseBodyFeature>());
    }
}

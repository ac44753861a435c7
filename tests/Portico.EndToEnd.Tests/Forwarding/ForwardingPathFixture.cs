using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Portico.Cli.Run;
using Portico.EndToEnd.Tests.Telemetry;
using Portico.Proxy.Forwarding;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Forwarding;

/// <summary>
/// A gateway on one gRPC forwarding path (<c>--grpc-forwarder</c>), an echo backend, and a raw h2c backend that sends
/// response headers and one gRPC message, then resets the stream (<see cref="ResetHost"/>).
/// </summary>
public abstract class ForwardingPathFixture : TelemetryFixture
{
    public const string Host = "path.example.com";
    public const string ResetHost = "reset.example.com";

    private readonly SemaphoreSlim _resetGate = new(0);
    private WebApplication? _reset;

    public TestBackend Backend { get; private set; } = null!;

    public abstract GrpcForwarderKind Kind { get; }

    /// <summary>
    /// What the client sees when the backend resets a stream after a message: the direct and h2 paths reset the
    /// client's stream with INTERNAL_ERROR (gRPC: Internal); YARP resets it with CANCEL (gRPC: Cancelled).
    /// </summary>
    public abstract Grpc.Core.StatusCode MidStreamResetStatus { get; }

    /// <summary>
    /// Lets the resetting backend reset its (next) stream. A test calls it once its client holds the message sent
    /// before the reset, so the reset never overtakes that message inside the proxy (on a loaded machine a fixed
    /// pause did: the proxy read message and reset together and, having sent nothing yet, replied UNAVAILABLE).
    /// </summary>
    public void ReleaseReset() => _resetGate.Release();

    internal override RunOptions Configure(RunOptions options) => options with { GrpcForwarder = Kind };

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        Backend = (await StartBackendsAsync("path"))[0];
        var resetPort = await StartResettingBackendAsync();
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("grpc", Port)])
            .Service("path", [Backend], port: 9000)
            .Service("reset", [new ServicePortSpec("grpc", 9000) { AppProtocol = AppProtocols.H2c }], [new EndpointTarget("127.0.0.1", resetPort)])
            .GrpcRoute("path", ["gw"], [Host], [RouteRule.To(new BackendRef("path", 9000))])
            .GrpcRoute("reset", ["gw"], [ResetHost], [RouteRule.To(new BackendRef("reset", 9000))]);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_reset is not null)
        {
            await _reset.DisposeAsync();
        }
    }

    /// <summary>
    /// Headers, one empty gRPC message, a flush, then (once <see cref="ReleaseReset"/> is called, or after 15 s)
    /// RST_STREAM(INTERNAL_ERROR): a backend failing mid-stream.
    /// </summary>
    private async Task<int> StartResettingBackendAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/grpc";
            var frame = new byte[5];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), 0);
            await context.Response.Body.WriteAsync(frame);
            await context.Response.Body.FlushAsync();
            await _resetGate.WaitAsync(TimeSpan.FromSeconds(15));
            context.Features.Get<IHttpResetFeature>()!.Reset(2);
        });
        await app.StartAsync();
        _reset = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }
}

public sealed class DirectPathFixture : ForwardingPathFixture
{
    public override GrpcForwarderKind Kind => GrpcForwarderKind.Direct;

    public override Grpc.Core.StatusCode MidStreamResetStatus => Grpc.Core.StatusCode.Internal;
}

public sealed class YarpPathFixture : ForwardingPathFixture
{
    public override GrpcForwarderKind Kind => GrpcForwarderKind.Yarp;

    public override Grpc.Core.StatusCode MidStreamResetStatus => Grpc.Core.StatusCode.Cancelled;
}

public sealed class H2PathFixture : ForwardingPathFixture
{
    public override GrpcForwarderKind Kind => GrpcForwarderKind.H2;

    // As on the direct path: a backend reset after the response started resets the client's stream with INTERNAL_ERROR.
    public override Grpc.Core.StatusCode MidStreamResetStatus => Grpc.Core.StatusCode.Internal;
}

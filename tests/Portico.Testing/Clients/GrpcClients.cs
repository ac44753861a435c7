using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Portico.Testing.Protos;

namespace Portico.Testing;

/// <summary>GrpcChannels pinned to a loopback port, h2c or TLS, with any hostname as authority/SNI.</summary>
public static class GrpcClients
{
    /// <summary>h2c channel to 127.0.0.1:<paramref name="port"/>; the authority is <c>host:port</c> (default 127.0.0.1).</summary>
    public static GrpcChannel CreateChannel(int port, string? host = null) =>
        CreateChannel(new ClientTarget(port) { Host = host ?? "127.0.0.1" });

    /// <summary>TLS channel: SNI and authority carry <paramref name="host"/>; trusts <paramref name="trustedCa"/>, or any certificate when null.</summary>
    public static GrpcChannel CreateTlsChannel(int port, string host, X509Certificate2? trustedCa = null, X509Certificate2? clientCertificate = null) =>
        CreateChannel(new ClientTarget(port) { Host = host, UseTls = true, TrustedCa = trustedCa, ClientCertificate = clientCertificate });

    /// <summary>A channel for <paramref name="target"/>; <paramref name="configure"/> may adjust options (not the handler).</summary>
    public static GrpcChannel CreateChannel(ClientTarget target, Action<GrpcChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var options = new GrpcChannelOptions
        {
            HttpHandler = PinnedHandler.Create(target),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        };
        configure?.Invoke(options);
        return GrpcChannel.ForAddress(target.BaseAddress, options);
    }

    /// <summary>Shorthand for <c>new Echo.EchoClient(channel)</c>.</summary>
    public static Echo.EchoClient Echo(GrpcChannel channel) => new(channel);
}

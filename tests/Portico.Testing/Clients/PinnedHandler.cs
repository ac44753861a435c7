using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Portico.Testing;

/// <summary>Builds a <see cref="SocketsHttpHandler"/> that dials a fixed loopback endpoint whatever host the URL names.</summary>
public static class PinnedHandler
{
    /// <summary>A handler for <paramref name="target"/>; wrap it in an HttpClient or pass it to a GrpcChannel.</summary>
    public static HttpMessageHandler Create(ClientTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IPAddress.IsLoopback(target.ConnectAddress))
        {
            throw new ArgumentException("Test clients connect to loopback addresses only.", nameof(target));
        }

        var endpoint = new IPEndPoint(target.ConnectAddress, target.Port);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = (_, cancellationToken) => ConnectAsync(endpoint, cancellationToken),
        };
        if (target.UseTls)
        {
            handler.SslOptions = CreateSslOptions(target);
        }

        return target.Authority is null ? handler : new AuthorityHandler(target.Authority, handler);
    }

    private static SslClientAuthenticationOptions CreateSslOptions(ClientTarget target)
    {
        // SocketsHttpHandler overwrites TargetHost with the request's host; setting it keeps direct SslOptions users honest.
        var options = new SslClientAuthenticationOptions { TargetHost = HostOf(target.Authority) ?? target.Host };
        if (target.TrustedCa is { } ca)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(ca);
            options.CertificateChainPolicy = policy;
        }
        else
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        if (target.ClientCertificate is { } client)
        {
            options.ClientCertificates = [client];
        }

        return options;
    }

    private static async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string? HostOf(string? authority)
    {
        if (authority is null)
        {
            return null;
        }

        var colon = authority.LastIndexOf(':');
        return colon > 0 && !authority.EndsWith(']') ? authority[..colon] : authority;
    }

    /// <summary>Replaces the Host header (hence <c>:authority</c>) on every request.</summary>
    private sealed class AuthorityHandler(string authority, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = authority;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

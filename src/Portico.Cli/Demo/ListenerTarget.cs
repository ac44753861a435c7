using System.Net;

namespace Portico.Cli.Demo;

/// <summary>A Gateway listener as a client reaches it: address and (shifted) port, and whether it speaks TLS.</summary>
/// <param name="Gateway">The Gateway, <c>namespace/name</c>.</param>
/// <param name="ManifestPort">The port the manifest gives; <see cref="EndPoint"/> has it plus <c>--port-offset</c>.</param>
internal sealed record ListenerTarget(string Gateway, string Listener, string Protocol, string? Hostname, IPEndPoint EndPoint, int ManifestPort)
{
    public bool UsesTls => Protocol is "HTTPS" or "TLS";
}

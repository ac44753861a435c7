using System.Net;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Demo;

/// <summary>Where each Gateway listener is served, as the demo configures the gateway.</summary>
internal static class ListenerTargets
{
    /// <summary>Gateways without <c>spec.addresses</c> bind this (the demo never listens beyond loopback).</summary>
    public const string DefaultAddress = "127.0.0.1";

    public static IReadOnlyList<ListenerTarget> Find(IReadOnlyList<KubeObject> objects, int portOffset)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var targets = new List<ListenerTarget>();
        foreach (var gateway in objects.OfType<Gateway>().OrderBy(g => g.FullName, StringComparer.Ordinal))
        {
            var text = gateway.Spec.Addresses.FirstOrDefault(a => a.Type == AddressType.IPAddress)?.Value ?? DefaultAddress;
            var address = IPAddress.TryParse(text, out var parsed) ? parsed : IPAddress.Loopback;
            foreach (var listener in gateway.Spec.Listeners)
            {
                targets.Add(new ListenerTarget(gateway.FullName, listener.Name, listener.Protocol, listener.Hostname,
                    new IPEndPoint(address, listener.Port + portOffset), listener.Port));
            }
        }

        return targets;
    }

    /// <summary>The first listener whose shifted port is outside 1-65535, as a message; null when all fit.</summary>
    public static string? OutOfRange(IReadOnlyList<KubeObject> objects, int portOffset)
    {
        foreach (var gateway in objects.OfType<Gateway>())
        {
            foreach (var listener in gateway.Spec.Listeners.Where(l => l.Port + portOffset > IPEndPoint.MaxPort))
            {
                return $"--port-offset {portOffset}: listener {listener.Name} of Gateway {gateway.FullName} (port {listener.Port}) would need port {listener.Port + portOffset}, above 65535";
            }
        }

        return null;
    }
}

using System.Net;
using Portico.Model.Core;
using Portico.Model.Meta;

namespace Portico.Cli.Demo;

/// <summary>
/// The sample instances a configuration asks for: one per ready endpoint address and port of every EndpointSlice
/// (its Service named by the label <c>kubernetes.io/service-name</c>). Only loopback addresses are used; anything
/// else is reported and skipped, since the demo must never listen beyond this machine.
/// </summary>
internal static class SampleEndpoints
{
    public static IReadOnlyList<SampleEndpoint> Find(IReadOnlyList<KubeObject> objects, ICollection<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(skipped);
        var found = new List<(string Service, string Name, IPAddress Address, int Port)>();
        foreach (var slice in objects.OfType<EndpointSlice>().OrderBy(s => s.FullName, StringComparer.Ordinal))
        {
            if (!slice.Metadata.Labels.TryGetValue(EndpointSlice.ServiceNameLabel, out var service))
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints.Where(e => e.Conditions.Ready != false))
            {
                foreach (var text in endpoint.Addresses)
                {
                    if (!IPAddress.TryParse(text, out var address) || !IPAddress.IsLoopback(address))
                    {
                        skipped.Add($"EndpointSlice {slice.FullName}: {text} is not a loopback address; no sample started there");
                        continue;
                    }

                    foreach (var port in slice.Ports.Where(p => p.Port is > 0 and <= IPEndPoint.MaxPort))
                    {
                        found.Add(($"{slice.Namespace}/{service}", service, address, port.Port!.Value));
                    }
                }
            }
        }

        // A Service with one endpoint answers with its own name (the guide's "order-service-canary"); several are numbered.
        var distinct = found.DistinctBy(f => (f.Address.ToString(), f.Port)).ToList();
        var result = new List<SampleEndpoint>(distinct.Count);
        foreach (var group in distinct.GroupBy(f => f.Service, StringComparer.Ordinal))
        {
            var members = group.ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var name = members.Count == 1 ? members[i].Name : $"{members[i].Name}-{i + 1}";
                result.Add(new SampleEndpoint(group.Key, name, members[i].Address, members[i].Port));
            }
        }

        return result;
    }
}

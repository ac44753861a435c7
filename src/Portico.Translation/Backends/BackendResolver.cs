using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Routing.Backends;
using Portico.Translation.Common;
using Portico.Translation.Context;

namespace Portico.Translation.Backends;

/// <summary>
/// Resolves a backendRef to a Service port and its endpoints (reference §1.6, §4): permission first (never revealing
/// whether a forbidden target exists), then kind, existence, port, protocol; endpoints come from the Service's
/// EndpointSlices (port matched by name), or from the DNS name of an ExternalName Service.
/// </summary>
internal sealed class BackendResolver(TranslationContext context)
{
    private const int IndexAbove = 16;

    private readonly Dictionary<string, BackendConfig> _backends = new(StringComparer.Ordinal);

    // The same backends by their parts, so a backendRef that names one already resolved builds no id string.
    private readonly Dictionary<(string Ns, string Name, int Port, BackendProtocol Protocol), BackendConfig> _byParts = [];

    private readonly List<BackendUse> _recorded = [];
    private bool _recording;

    /// <summary>Starts noting every backend resolved, until <see cref="EndRecording"/> (one route's, for a memo).</summary>
    public void BeginRecording()
    {
        _recorded.Clear();
        _recording = true;
    }

    public BackendUse[] EndRecording()
    {
        _recording = false;
        return _recorded.Count == 0 ? [] : [.. _recorded];
    }

    /// <summary>
    /// Takes the backends a reused route resolved in an earlier translation. Valid only when the Services and
    /// EndpointSlices are the same as then (<see cref="TranslationMemo"/> checks): the configuration is then the one
    /// <see cref="Resolve"/> would build now, so whichever of the two is kept, the table is the same.
    /// </summary>
    public void Adopt(BackendUse[] uses)
    {
        foreach (var use in uses)
        {
            if (_byParts.TryAdd(use.Parts, use.Config))
            {
                _backends[use.Config.Id] = use.Config;
            }
        }
    }

    /// <summary>Every backend resolved so far, by id.</summary>
    public IReadOnlyDictionary<string, BackendConfig> Backends => _backends;

    /// <param name="routeKind">The referring route's kind (for ReferenceGrant <c>from</c>).</param>
    /// <param name="field">Where the reference is, for messages (e.g. <c>spec.rules[0].backendRefs[1]</c>).</param>
    public ResolvedBackend Resolve(BackendObjectReference r, string routeKind, string routeNamespace, bool grpc, FieldPath field)
    {
        var ns = r.Namespace ?? routeNamespace;
        if (ns != routeNamespace &&
            !context.IsReferencePermitted(GatewayApiGroup.Name, routeKind, routeNamespace, r.Group, r.Kind, ns, r.Name))
        {
            return Fail(ConditionReason.RefNotPermitted, $"{field}: reference to {Describe(r.Group, r.Kind)} {ns}/{r.Name} is not permitted by any ReferenceGrant in namespace {ns}");
        }

        if (r.Group != GatewayApiGroup.Core || r.Kind != GatewayApiGroup.ServiceKind)
        {
            return Fail(ConditionReason.InvalidKind, $"{field}: {Describe(r.Group, r.Kind)} is not a supported backend kind; use a core Service");
        }

        var service = context.FindService(ns, r.Name);
        if (service is null)
        {
            return Fail(ConditionReason.BackendNotFound, $"{field}: Service {ns}/{r.Name} not found");
        }

        if (r.Port is not { } port)
        {
            return Fail(ConditionReason.BackendNotFound, $"{field}: port is required for a Service backend");
        }

        ServicePort? servicePort = null;
        foreach (var p in service.Spec.Ports)
        {
            if (p.Port == port)
            {
                servicePort = p;
                break;
            }
        }

        var externalName = service.Spec.Type == ServiceType.ExternalName;
        if (servicePort is null && !externalName)
        {
            return Fail(ConditionReason.BackendNotFound, $"{field}: Service {ns}/{r.Name} has no port {port}");
        }

        var (protocol, protocolError) = AppProtocols.Resolve(servicePort?.AppProtocol, grpc);
        if (protocol is null)
        {
            return Fail(ConditionReason.UnsupportedProtocol, $"{field}: Service {ns}/{r.Name} port {port}: {protocolError}");
        }

        var parts = (ns, r.Name, port, protocol.Value);
        if (!_byParts.TryGetValue(parts, out var backend))
        {
            var id = $"service/{ns}/{r.Name}/port/{port}/{protocol.Value.ToString().ToLowerInvariant()}";
            var endpoints = externalName
                ? [new EndpointConfig { Address = service.Spec.ExternalName ?? string.Empty, Port = port, Ready = !string.IsNullOrEmpty(service.Spec.ExternalName) }]
                : Endpoints(ns, service, servicePort!);
            _backends[id] = _byParts[parts] = backend = new BackendConfig { Id = id, Protocol = protocol.Value, Endpoints = endpoints };
        }

        if (_recording)
        {
            _recorded.Add(new BackendUse(parts, backend));
        }

        return new ResolvedBackend(backend, null);
    }

    private List<EndpointConfig> Endpoints(string ns, Service service, ServicePort servicePort)
    {
        // An address is listed once per port, ready if any slice says so. Found by a scan while there are few, by an
        // index past that (most Services have a handful of endpoints: no dictionary for them).
        var result = new List<EndpointConfig>();
        Dictionary<(string, int), int>? index = null;
        var portName = servicePort.Name ?? string.Empty;
        foreach (var slice in context.SlicesFor(ns, service.Name))
        {
            int? port = null;
            foreach (var p in slice.Ports)
            {
                if ((p.Name ?? string.Empty) == portName)
                {
                    port = p.Port;
                    break;
                }
            }

            if (port is not { } endpointPort)
            {
                continue;
            }

            foreach (var e in slice.Endpoints)
            {
                var ready = e.Conditions.Ready ?? true; // unset means ready (EndpointConditions doc).
                foreach (var address in e.Addresses)
                {
                    var i = IndexOf(result, index, address, endpointPort);
                    if (i < 0)
                    {
                        result.Add(new EndpointConfig { Address = address, Port = endpointPort, Ready = ready });
                        if (index is not null)
                        {
                            index[(address, endpointPort)] = result.Count - 1;
                        }
                        else if (result.Count == IndexAbove)
                        {
                            index = new Dictionary<(string, int), int>(2 * IndexAbove);
                            for (var k = 0; k < result.Count; k++)
                            {
                                index[(result[k].Address, result[k].Port)] = k;
                            }
                        }
                    }
                    else if (ready && !result[i].Ready)
                    {
                        result[i] = result[i] with { Ready = true };
                    }
                }
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Address, b.Address) is var c && c != 0 ? c : a.Port.CompareTo(b.Port));
        return result;
    }

    private static int IndexOf(List<EndpointConfig> endpoints, Dictionary<(string, int), int>? index, string address, int port)
    {
        if (index is not null)
        {
            return index.TryGetValue((address, port), out var i) ? i : -1;
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].Port == port && string.Equals(endpoints[i].Address, address, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static ResolvedBackend Fail(string reason, string message) => new(null, new Problem(reason, message));

    private static string Describe(string group, string kind) => group.Length == 0 ? kind : $"{group}/{kind}";
}

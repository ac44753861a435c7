using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Gateways;

/// <summary>What the translator learned about one Gateway listener; filled by the gateway phase, then by route attachment.</summary>
internal sealed class ListenerState(GatewayState gateway, Listener spec, int index)
{
    public GatewayState Gateway { get; } = gateway;

    public Listener Spec { get; } = spec;

    public int Index { get; } = index;

    public string Name => Spec.Name;

    public int Port => Spec.Port;

    /// <summary>Lower-cased listener hostname; null matches every host.</summary>
    public string? Hostname { get; init; }

    /// <summary>Why <c>Accepted</c> is False (unsupported protocol or value).</summary>
    public Problem? AcceptProblem { get; set; }

    /// <summary><c>HostnameConflict</c> or <c>ProtocolConflict</c>, when the listener is not distinct.</summary>
    public Problem? Conflict { get; set; }

    /// <summary>Reasons for <c>ResolvedRefs=False</c> (certificates, route kinds), in spec order.</summary>
    public List<Problem> RefProblems { get; } = [];

    /// <summary>Set when another HTTPS listener on the port has an overlapping hostname.</summary>
    public string? OverlappingTls { get; set; }

    /// <summary>Which namespaces' routes may attach (from <c>allowedRoutes.namespaces</c>); null allows none.</summary>
    public Func<string, bool>? AllowsNamespace { get; set; }

    public List<RouteGroupKind> SupportedKinds { get; } = [];

    /// <summary>Usable certificates, by id (HTTPS).</summary>
    public List<string> CertificateIds { get; } = [];

    /// <summary>Distinct accepted routes (kind, namespace, name) attached here, for <c>attachedRoutes</c>.</summary>
    public int AttachedRoutes { get; set; }

    public bool IsHttps => Spec.Protocol == ListenerProtocol.Https;

    /// <summary>Served by the data plane: accepted, distinct, with a certificate when HTTPS, on an accepted Gateway.</summary>
    public bool Programmable =>
        Gateway.AcceptProblem is null && Gateway.ProgramProblem is null && AcceptProblem is null && Conflict is null &&
        SupportedKinds.Count > 0 && (!IsHttps || CertificateIds.Count > 0);

    public bool SupportsKind(string kind)
    {
        foreach (var k in SupportedKinds)
        {
            if (k.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }
}

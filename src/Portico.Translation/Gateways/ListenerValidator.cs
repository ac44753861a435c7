using Portico.Model.GatewayApi;
using Portico.Routing.Table;
using Portico.Translation.Common;
using Portico.Translation.Context;
using ListenerProtocol = Portico.Model.GatewayApi.ListenerProtocol;

namespace Portico.Translation.Gateways;

/// <summary>One listener on its own: protocol, port, hostname, TLS certificates and <c>allowedRoutes</c> (reference §2.3, §3.3).</summary>
internal static class ListenerValidator
{
    private static readonly string[] RouteKinds = [GatewayApiGroup.GrpcRouteKind, GatewayApiGroup.HttpRouteKind];

    public static ListenerState Validate(TranslationContext context, GatewayState gateway, Listener spec, int index, Dictionary<string, CertificateConfig> certificates)
    {
        var field = $"spec.listeners[{index}]";
        var listener = new ListenerState(gateway, spec, index) { Hostname = spec.Hostname?.ToLowerInvariant() };
        var protocolOk = spec.Protocol is ListenerProtocol.Http or ListenerProtocol.Https;
        if (!protocolOk)
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedProtocol,
                $"{field}: protocol \"{spec.Protocol}\" is not supported; Portico serves HTTP and HTTPS listeners");
        }
        else if (spec.Port is < 1 or > 65535)
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedValue, $"{field}.port {spec.Port} is outside 1-65535");
        }
        else if (listener.Hostname is { } h && Hostnames.Validate(h) is { } hostError)
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedValue, $"{field}.hostname \"{spec.Hostname}\" {hostError}");
        }
        else if (spec.Protocol == ListenerProtocol.Http && spec.Tls is not null)
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedValue, $"{field}.tls must not be set for protocol HTTP");
        }
        else if (spec.Protocol == ListenerProtocol.Https)
        {
            ValidateTls(context, gateway, listener, field, certificates);
        }

        if (protocolOk)
        {
            ValidateAllowedRoutes(context, gateway, listener, field);
        }

        return listener;
    }

    private static void ValidateTls(TranslationContext context, GatewayState gateway, ListenerState listener, string field, Dictionary<string, CertificateConfig> certificates)
    {
        var tls = listener.Spec.Tls;
        if (tls is null)
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedValue, $"{field}.tls is required for protocol HTTPS");
            return;
        }

        if (tls.Mode != "Terminate")
        {
            listener.AcceptProblem = new Problem(ConditionReason.UnsupportedValue,
                $"{field}.tls.mode \"{tls.Mode}\" is not supported for HTTPS; only Terminate is");
            return;
        }

        if (tls.CertificateRefs.Count == 0)
        {
            listener.RefProblems.Add(new Problem(ConditionReason.InvalidCertificateRef, $"{field}.tls.certificateRefs is empty; HTTPS needs a certificate"));
            return;
        }

        for (var i = 0; i < tls.CertificateRefs.Count; i++)
        {
            var r = tls.CertificateRefs[i];
            var ns = r.Namespace ?? gateway.Namespace;
            var where = $"{field}.tls.certificateRefs[{i}]";

            // A forbidden reference is reported as such before anything that would reveal whether the target exists.
            if (ns != gateway.Namespace && !context.IsReferencePermitted(
                    GatewayApiGroup.Name, GatewayApiGroup.GatewayKind, gateway.Namespace, r.Group, r.Kind, ns, r.Name))
            {
                listener.RefProblems.Add(new Problem(ConditionReason.RefNotPermitted,
                    $"{where}: reference to {Describe(r.Group, r.Kind)} {ns}/{r.Name} is not permitted by any ReferenceGrant in namespace {ns}"));
                continue;
            }

            if (r.Group != GatewayApiGroup.Core || r.Kind != GatewayApiGroup.SecretKind)
            {
                listener.RefProblems.Add(new Problem(ConditionReason.InvalidCertificateRef,
                    $"{where}: {Describe(r.Group, r.Kind)} is not supported; certificateRefs must name a core Secret"));
                continue;
            }

            var id = $"secret/{ns}/{r.Name}";
            if (!certificates.TryGetValue(id, out var cert))
            {
                var secret = context.FindSecret(ns, r.Name);
                if (secret is null)
                {
                    listener.RefProblems.Add(new Problem(ConditionReason.InvalidCertificateRef, $"{where}: Secret {ns}/{r.Name} not found"));
                    continue;
                }

                var (loaded, error) = CertificateLoader.Load(secret);
                if (loaded is null)
                {
                    listener.RefProblems.Add(new Problem(ConditionReason.InvalidCertificateRef, $"{where}: {error}"));
                    continue;
                }

                certificates[id] = cert = loaded;
            }

            if (!listener.CertificateIds.Contains(cert.Id))
            {
                listener.CertificateIds.Add(cert.Id);
            }
        }
    }

    private static void ValidateAllowedRoutes(TranslationContext context, GatewayState gateway, ListenerState listener, string field)
    {
        var allowed = listener.Spec.AllowedRoutes;
        var ns = allowed.Namespaces;
        switch (ns.From)
        {
            case "Same":
                listener.AllowsNamespace = n => n == gateway.Namespace;
                break;
            case "All":
                listener.AllowsNamespace = static _ => true;
                break;
            case "Selector" when ns.Selector is null:
                listener.AcceptProblem ??= new Problem(ConditionReason.UnsupportedValue,
                    $"{field}.allowedRoutes.namespaces.selector must be set when from is Selector");
                break;
            case "Selector":
                if (LabelSelectors.Validate(ns.Selector) is { } selectorError)
                {
                    listener.AcceptProblem ??= new Problem(ConditionReason.UnsupportedValue, $"{field}.allowedRoutes.namespaces.selector: {selectorError}");
                    break;
                }

                var selector = ns.Selector;
                listener.AllowsNamespace = n => LabelSelectors.Matches(selector, context.NamespaceLabels(n));
                break;
            default:
                listener.AcceptProblem ??= new Problem(ConditionReason.UnsupportedValue,
                    $"{field}.allowedRoutes.namespaces.from \"{ns.From}\" is not one of Same, All, Selector");
                break;
        }

        if (allowed.Kinds.Count == 0)
        {
            foreach (var kind in RouteKinds)
            {
                listener.SupportedKinds.Add(new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = kind });
            }

            return;
        }

        var invalid = new List<string>();
        foreach (var k in allowed.Kinds)
        {
            if (k.Group == GatewayApiGroup.Name && RouteKinds.Contains(k.Kind))
            {
                if (!listener.SupportsKind(k.Kind))
                {
                    listener.SupportedKinds.Add(new RouteGroupKind { Group = k.Group, Kind = k.Kind });
                }
            }
            else
            {
                invalid.Add(Describe(k.Group, k.Kind));
            }
        }

        if (invalid.Count > 0)
        {
            listener.RefProblems.Add(new Problem(ConditionReason.InvalidRouteKinds,
                $"{field}.allowedRoutes.kinds: {string.Join(", ", invalid)} not supported for protocol {listener.Spec.Protocol}; supported: {GatewayApiGroup.Name}/GRPCRoute, {GatewayApiGroup.Name}/HTTPRoute"));
        }
    }

    private static string Describe(string group, string kind) => group.Length == 0 ? kind : $"{group}/{kind}";
}

using System.Runtime.CompilerServices;
using Portico.Model.Snapshot;
using Portico.Model.Status;
using Portico.Routing.Table;
using Portico.Translation.Backends;
using Portico.Translation.Context;
using Portico.Translation.GatewayClasses;
using Portico.Translation.Gateways;
using Portico.Translation.Routes;
using Portico.Translation.Routes.Grpc;
using Portico.Translation.Routes.Http;
using Portico.Translation.Table;

namespace Portico.Translation;

/// <summary>
/// Snapshot in, route table and status out. Pure: no I/O, no clock, no logging; the same snapshot always
/// yields the same result.
/// <code>
///  (1) GatewayClasses ─ owned classes, Accepted
///  (2) Gateways ─────── addresses, listeners, certificates, conflicts
///  (3) Routes ───────── rules (matches, filters, backends) per kind
///  (4) Attachment ───── parentRefs × listeners → route parent status, attachedRoutes
///  (5) Status ───────── classes, Gateways (after 4, for attachedRoutes), routes
///  (6) Table ────────── programmable listeners → virtual hosts → entries in precedence order
/// </code>
/// </summary>
public static class Translator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    public static TranslationResult Translate(ResourceSnapshot snapshot, TranslatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var context = new TranslationContext(snapshot, options ?? new TranslatorOptions());
        var classStatus = new List<StatusItem>();
        var certificates = new Dictionary<string, CertificateConfig>(StringComparer.Ordinal);

        // :: Step 1
        var classes = GatewayClassPhase.Run(context, classStatus);

        // :: Step 2
        var gateways = GatewayPhase.Run(context, classes, certificates);
        var byName = gateways.ToDictionary(g => (g.Namespace, g.Name));

        // :: Step 3
        var backends = new BackendResolver(context);
        var routes = new List<IRouteUnit>(snapshot.GrpcRoutes.Count + snapshot.HttpRoutes.Count);
        var grpc = new GrpcRouteTranslator(backends);
        foreach (var r in snapshot.GrpcRoutes)
        {
            routes.Add(grpc.Translate(r));
        }

        var http = new HttpRouteTranslator(backends);
        foreach (var r in snapshot.HttpRoutes)
        {
            routes.Add(http.Translate(r));
        }

        // :: Step 4
        var attachments = new List<(IRouteUnit, ListenerState)>(routes.Count);
        var routeListeners = new List<ListenerState>(); // this route's, so two parentRefs naming one listener add its entries once
        var keyListeners = new List<ListenerState>();   // this route key's (kind/namespace/name), counted once in attachedRoutes
        IRouteUnit? previous = null;
        var routeStatus = new List<StatusItem>(routes.Count);
        var shared = new RouteConditions();
        foreach (var route in routes)
        {
            var parents = ParentAttacher.Attach(route, byName, shared);
            routeListeners.Clear();

            // The snapshot sorts each kind by namespace/name, so objects sharing a key are neighbours here.
            if (previous is null || !SameKey(previous, route))
            {
                keyListeners.Clear();
            }

            previous = route;
            foreach (var parent in parents)
            {
                foreach (var listener in parent.Listeners)
                {
                    if (!keyListeners.Contains(listener))
                    {
                        keyListeners.Add(listener);
                        listener.AttachedRoutes++;
                    }

                    if (!routeListeners.Contains(listener))
                    {
                        routeListeners.Add(listener);
                        attachments.Add((route, listener));
                    }
                }
            }

            if (RouteStatusBuilder.Build(route, parents, context.Options.ControllerName, shared) is { } item)
            {
                routeStatus.Add(item);
            }
        }

        // :: Step 5
        var status = new List<StatusItem>(classStatus);
        status.AddRange(gateways.Select(GatewayStatusBuilder.Build));
        status.AddRange(routeStatus);

        // :: Step 6
        var table = TableBuilder.Build(gateways, attachments, backends.Backends, certificates);
        return new TranslationResult(table, new StatusReport { Items = status });
    }

    private static bool SameKey(IRouteUnit a, IRouteUnit b) =>
        string.Equals(a.Kind, b.Kind, StringComparison.Ordinal) && string.Equals(a.Route.Namespace, b.Route.Namespace, StringComparison.Ordinal) &&
        string.Equals(a.Route.Name, b.Route.Name, StringComparison.Ordinal);
}

using System.Runtime.CompilerServices;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
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
///  (3) Routes ───────── rules (matches, filters, backends) per kind; reused from a memo for unchanged routes
///  (4) Attachment ───── parentRefs × listeners → route parent status, attachedRoutes
///  (5) Status ───────── classes, Gateways (after 4, for attachedRoutes), routes
///  (6) Table ────────── programmable listeners → virtual hosts → entries in precedence order
/// </code>
/// </summary>
public static class Translator
{
    public static TranslationResult Translate(ResourceSnapshot snapshot, TranslatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Run(snapshot, options ?? new TranslatorOptions(), previous: null, remember: false);
    }

    /// <summary>
    /// The same result as <see cref="Translate"/>, plus a <see cref="TranslationResult.Memo"/> for the next call:
    /// routes whose object (and the Services, EndpointSlices and ReferenceGrants) are the instances
    /// <paramref name="previous"/> saw keep their translated rules instead of being translated again (a one-route edit
    /// of a large configuration translates one route). Still pure: the memo is an immutable input, and any memo, or
    /// none, gives the same result.
    /// </summary>
    public static TranslationResult TranslateIncrementally(ResourceSnapshot snapshot, TranslatorOptions options, TranslationMemo? previous)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return Run(snapshot, options, previous, remember: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    private static TranslationResult Run(ResourceSnapshot snapshot, TranslatorOptions options, TranslationMemo? previous, bool remember)
    {
        var context = new TranslationContext(snapshot, options);
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
        var reuse = previous is not null && previous.AppliesTo(snapshot, options) ? previous : null;
        var memo = remember ? new TranslationMemo(snapshot, options, routes.Capacity) : null;
        Func<GrpcRoute, IRouteUnit> grpc = new GrpcRouteTranslator(backends).Translate; // one delegate per translation
        foreach (var r in snapshot.GrpcRoutes)
        {
            routes.Add(reuse is not null && Reuse(r, reuse, backends, memo) is { } unit ? unit : Remember(r, grpc, backends, memo));
        }

        Func<HttpRoute, IRouteUnit> http = new HttpRouteTranslator(backends).Translate;
        foreach (var r in snapshot.HttpRoutes)
        {
            routes.Add(reuse is not null && Reuse(r, reuse, backends, memo) is { } unit ? unit : Remember(r, http, backends, memo));
        }

        // :: Step 4
        var attachments = new List<(IRouteUnit, ListenerState)>(routes.Count);
        var routeListeners = new List<ListenerState>(); // this route's, so two parentRefs naming one listener add its entries once
        var keyListeners = new List<ListenerState>();   // this route key's (kind/namespace/name), counted once in attachedRoutes
        IRouteUnit? last = null;
        var routeStatus = new List<StatusItem>(routes.Count);
        var shared = new RouteConditions();
        foreach (var route in routes)
        {
            var parents = ParentAttacher.Attach(route, byName, shared);
            routeListeners.Clear();

            // The snapshot sorts each kind by namespace/name, so objects sharing a key are neighbours here.
            if (last is null || !SameKey(last, route))
            {
                keyListeners.Clear();
            }

            last = route;
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
        return new TranslationResult(table, new StatusReport { Items = status }) { Memo = memo };
    }

    /// <summary>The unit <paramref name="reuse"/> holds for this very route object, its backends adopted; else null.</summary>
    private static IRouteUnit? Reuse(KubeObject route, TranslationMemo reuse, BackendResolver backends, TranslationMemo? memo)
    {
        if (!reuse.TryGet(route, out var unit, out var used))
        {
            return null;
        }

        backends.Adopt(used);
        if (memo is not null)
        {
            memo.Add(route, unit, used);
            memo.Reused++;
        }

        return unit;
    }

    private static IRouteUnit Remember<TRoute>(TRoute route, Func<TRoute, IRouteUnit> translate, BackendResolver backends, TranslationMemo? memo)
        where TRoute : KubeObject
    {
        if (memo is null)
        {
            return translate(route);
        }

        backends.BeginRecording();
        var unit = translate(route);
        memo.Add(route, unit, backends.EndRecording());
        return unit;
    }

    private static bool SameKey(IRouteUnit a, IRouteUnit b) =>
        string.Equals(a.Kind, b.Kind, StringComparison.Ordinal) && string.Equals(a.Route.Namespace, b.Route.Namespace, StringComparison.Ordinal) &&
        string.Equals(a.Route.Name, b.Route.Name, StringComparison.Ordinal);
}

using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Snapshot;
using Portico.Translation.Backends;
using Portico.Translation.Routes;

namespace Portico.Translation;

/// <summary>
/// What one translation leaves for the next (<see cref="Translator.TranslateIncrementally"/>): each route's translated
/// rules, keyed by the route object itself, with the backends they resolved. A route's rules are a function of the
/// route object and of the Services, EndpointSlices and ReferenceGrants its backendRefs resolve against; providers
/// keep an unchanged object as the same instance across snapshots, so a route object seen before, in a snapshot
/// whose Services, EndpointSlices and ReferenceGrants are the same instances, translates to the same rules. Anything
/// else (a changed Service, a new grant, other options) and nothing is reused. Immutable once built.
/// </summary>
public sealed class TranslationMemo
{
    private readonly IReadOnlyList<Service> _services;
    private readonly IReadOnlyList<EndpointSlice> _slices;
    private readonly IReadOnlyList<ReferenceGrant> _grants;
    private readonly TranslatorOptions _options;
    private readonly Dictionary<KubeObject, Entry> _units;

    internal TranslationMemo(ResourceSnapshot snapshot, TranslatorOptions options, int routes)
    {
        _services = snapshot.Services;
        _slices = snapshot.EndpointSlices;
        _grants = snapshot.ReferenceGrants;
        _options = options;
        _units = new Dictionary<KubeObject, Entry>(routes, ReferenceEqualityComparer.Instance);
    }

    /// <summary>How many routes the translation that built this memo took from the previous one (for tests).</summary>
    internal int Reused { get; set; }

    /// <summary>Whether units of this memo are valid in a translation of <paramref name="snapshot"/>.</summary>
    internal bool AppliesTo(ResourceSnapshot snapshot, TranslatorOptions options) =>
        ReferenceEquals(options, _options) && Same(_services, snapshot.Services) && Same(_slices, snapshot.EndpointSlices) && Same(_grants, snapshot.ReferenceGrants);

    internal bool TryGet(KubeObject route, out IRouteUnit unit, out BackendUse[] backends)
    {
        if (_units.TryGetValue(route, out var entry))
        {
            (unit, backends) = (entry.Unit, entry.Backends);
            return true;
        }

        (unit, backends) = (null!, []);
        return false;
    }

    internal void Add(KubeObject route, IRouteUnit unit, BackendUse[] backends) => _units[route] = new Entry(unit, backends);

    private static bool Same<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : class
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Entry(IRouteUnit Unit, BackendUse[] Backends);
}

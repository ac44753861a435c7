using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Status;
using Prometheus;

namespace Portico.ControlPlane.Metrics;

/// <summary>
/// The control loop's metrics, registered in the caller's registry (the gateway serves them on the same
/// <c>/metrics</c> as the data plane's):
/// <code>
///  portico_config_reloads_total{result}                      success | partial (applied; manifest errors or listeners
///                                                            that could not bind) | failure (nothing applied)
///  portico_translation_seconds                               histogram, one observation per translation
///  portico_config_update_seconds                             histogram: an update reaching the control loop until its
///                                                            table serves (burst hold-off, translation, compile, swap,
///                                                            status); one observation per applied update
///  portico_objects{kind,condition,status}                    objects by condition (routes: all parents agree, else
///                                                            False if any parent says False, else Unknown)
///  portico_last_successful_apply_timestamp_seconds           Unix time of the last apply that reached the data plane
/// </code>
/// Nothing here runs per request.
/// </summary>
public sealed class ControlPlaneMetrics
{
    private readonly Counter _reloads;
    private readonly Histogram _translation;
    private readonly Histogram _update;
    private readonly Gauge _objects;
    private readonly Gauge _lastApply;
    private readonly object _lock = new();
    private HashSet<(string Kind, string Condition, string Status)> _published = [];

    public ControlPlaneMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _reloads = factory.CreateCounter("portico_config_reloads_total",
            "Configuration reloads, by result: success, partial (applied with manifest errors or unbound listeners), failure (nothing applied).",
            new CounterConfiguration { LabelNames = ["result"] });
        _translation = factory.CreateHistogram("portico_translation_seconds", "Time to translate the Gateway API objects into a routing table.",
            new HistogramConfiguration { Buckets = [.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10] });
        _update = factory.CreateHistogram("portico_config_update_seconds",
            "Time from a configuration update reaching the control loop to its routing table serving calls (hold-off, translation, compile, swap, status).",
            new HistogramConfiguration { Buckets = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30] });
        _objects = factory.CreateGauge("portico_objects", "Gateway API objects in force, by kind and by the status of each condition type.",
            new GaugeConfiguration { LabelNames = ["kind", "condition", "status"] });
        _lastApply = factory.CreateGauge("portico_last_successful_apply_timestamp_seconds",
            "Unix time of the last configuration applied to the data plane.");

        // Present from the start, so rate() and absent() work before the first failure.
        foreach (var result in new[] { "success", "partial", "failure" })
        {
            _reloads.WithLabels(result);
        }
    }

    internal void Translated(TimeSpan elapsed) => _translation.Observe(elapsed.TotalSeconds);

    internal void Updated(TimeSpan elapsed) => _update.Observe(elapsed.TotalSeconds);

    internal void Failed() => _reloads.WithLabels("failure").Inc();

    internal void Applied(bool partial, StatusReport status, DateTimeOffset now)
    {
        _reloads.WithLabels(partial ? "partial" : "success").Inc();
        _lastApply.Set(now.ToUnixTimeMilliseconds() / 1000.0);
        var counts = new Dictionary<(string, string, string), int>();
        foreach (var item in status.Items)
        {
            foreach (var (type, value) in Conditions(item.Status))
            {
                var key = (item.Kind, type, value);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        lock (_lock)
        {
            foreach (var (key, n) in counts)
            {
                _objects.WithLabels(key.Item1, key.Item2, key.Item3).Set(n);
            }

            foreach (var old in _published)
            {
                if (!counts.ContainsKey(old))
                {
                    _objects.WithLabels(old.Kind, old.Condition, old.Status).Set(0);
                }
            }

            _published = [.. _published, .. counts.Keys];
        }
    }

    /// <summary>One (type, status) per condition type of the object.</summary>
    private static IEnumerable<(string Type, string Status)> Conditions(object status)
    {
        IEnumerable<Condition> all = status switch
        {
            GatewayClassStatus c => c.Conditions,
            GatewayStatus g => g.Conditions,
            RouteStatus r => r.Parents.SelectMany(p => p.Conditions),
            _ => [],
        };
        foreach (var group in all.GroupBy(c => c.Type, StringComparer.Ordinal))
        {
            var statuses = group.Select(c => c.Status).Distinct(StringComparer.Ordinal).ToList();
            yield return (group.Key, statuses.Count == 1 ? statuses[0] : statuses.Contains("False") ? "False" : "Unknown");
        }
    }
}

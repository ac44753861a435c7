using Portico.Proxy.Admission;
using Prometheus;

namespace Portico.Proxy.Metrics;

/// <summary>
/// The forwarding queue's families (<see cref="ForwardQueue"/>), summed over endpoints:
/// <c>portico_upstream_queue_depth</c> (calls waiting now) and <c>portico_upstream_queued_total{result}</c>
/// (calls that waited, by how they left: <c>admitted</c>, <c>overflow</c>, <c>deadline</c>, <c>canceled</c>).
/// </summary>
internal sealed class QueueMetrics
{
    private readonly Gauge _depth;
    private readonly Counter.Child[] _results;

    public QueueMetrics(IMetricFactory factory)
    {
        _depth = factory.CreateGauge("portico_upstream_queue_depth",
            "Calls waiting in the forwarding queues (all endpoints) for a slot towards their upstream.");
        var results = factory.CreateCounter("portico_upstream_queued_total",
            "Calls that waited in a forwarding queue, by how they left: admitted (got a slot), overflow (waited the longest wait, went without one), deadline (expired while waiting: DEADLINE_EXCEEDED), canceled (the client left).",
            new CounterConfiguration { LabelNames = ["result"] });
        _results = [results.WithLabels("admitted"), results.WithLabels("overflow"), results.WithLabels("deadline"), results.WithLabels("canceled")];
    }

    /// <summary>Calls waiting now.</summary>
    public double Depth => _depth.Value;

    public void Enqueued() => _depth.Inc();

    public void Dequeued(QueueResult result)
    {
        _depth.Dec();
        _results[(int)result].Inc();
    }
}

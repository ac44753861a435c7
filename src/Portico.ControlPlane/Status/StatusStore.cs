using Portico.Model.Snapshot;
using Portico.Model.Status;
using Portico.Routing.Table;

namespace Portico.ControlPlane.Status;

/// <summary>
/// The latest published state, for the admin API and <c>portico get</c>: status of every object, the table being
/// served, the provider's problems, and readiness. Readers get an immutable snapshot; one writer (the loop).
/// </summary>
public sealed class StatusStore
{
    private volatile StatusSnapshot _snapshot = StatusSnapshot.Initial;

    public StatusSnapshot Current => _snapshot;

    /// <summary>True once a first configuration has been translated and applied to the data plane.</summary>
    public bool Ready => _snapshot.Generation > 0;

    internal void Publish(StatusReport status, RouteTable table, IReadOnlyList<string> problems, DateTimeOffset at, TimeSpan translationTime,
        ResourceSnapshot? resources = null)
    {
        var previous = _snapshot;
        _snapshot = new StatusSnapshot(previous.Generation + 1, status, table, problems, at, translationTime)
        {
            Resources = resources ?? ResourceSnapshot.Empty,
        };
    }

    internal void ReportProblems(IReadOnlyList<string> problems)
    {
        var s = _snapshot;
        _snapshot = s with { Problems = problems };
    }
}

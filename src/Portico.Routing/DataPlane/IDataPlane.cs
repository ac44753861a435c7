using Portico.Routing.Table;

namespace Portico.Routing.DataPlane;

/// <summary>
/// What the control plane programs: the data plane takes a whole route table and swaps it in atomically.
/// Calls in flight finish on the table they started with; listeners the new table does not change are not touched.
/// </summary>
public interface IDataPlane
{
    /// <summary>Applies <paramref name="table"/>; returns once it serves new requests (listeners bound or failed).</summary>
    Task<DataPlaneApplyResult> ApplyAsync(RouteTable table, CancellationToken cancellationToken);
}

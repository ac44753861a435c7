using Portico.Model.Snapshot;
using Portico.Model.Status;
using Portico.Routing.Table;

namespace Portico.ControlPlane.Status;

/// <summary>One published state. <see cref="Generation"/> counts applies since start (0: nothing applied yet).</summary>
public sealed record StatusSnapshot(long Generation, StatusReport Status, RouteTable Table, IReadOnlyList<string> Problems, DateTimeOffset? AppliedAt, TimeSpan TranslationTime)
{
    public static StatusSnapshot Initial { get; } = new(0, new StatusReport(), RouteTable.Empty, [], null, TimeSpan.Zero);

    /// <summary>
    /// The objects this state was translated from (spec and metadata, e.g. <c>creationTimestamp</c>), for
    /// <c>portico get/describe</c>. Kept with the status so that a reader never pairs one apply's objects with another's status.
    /// </summary>
    public ResourceSnapshot Resources { get; init; } = ResourceSnapshot.Empty;
}

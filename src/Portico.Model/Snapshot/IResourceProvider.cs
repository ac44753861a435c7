namespace Portico.Model.Snapshot;

/// <summary>
/// A source of snapshots (a directory of manifests, or a Kubernetes API server). Level-triggered: every update is a
/// complete snapshot; consumers coalesce bursts.
/// </summary>
public interface IResourceProvider
{
    /// <summary>Yields the first complete snapshot, then a new one after every change, until cancelled.</summary>
    IAsyncEnumerable<ProviderUpdate> WatchAsync(CancellationToken cancellationToken);
}

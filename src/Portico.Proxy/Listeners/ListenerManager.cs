namespace Portico.Proxy.Listeners;

/// <summary>
/// Owns the listening sockets: one Kestrel server per socket, so that adding or removing one never touches the
/// others. <see cref="ReconcileAsync"/> binds new sockets, leaves unchanged ones alone and drains removed ones.
/// </summary>
public sealed class ListenerManager : IAsyncDisposable
{
    /// <summary>Makes the bound sockets equal <paramref name="sockets"/>.</summary>
    /// <returns>Socket key → bind error, for the sockets that could not be bound.</returns>
    public Task<IReadOnlyDictionary<string, string>> ReconcileAsync(IReadOnlyList<SocketSpec> sockets, CancellationToken cancellationToken)
    {
        _ = sockets;
        throw new NotImplementedException("being written");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

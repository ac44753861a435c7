namespace Portico.Proxy.Forwarding;

/// <summary>A stream side whose flushes are deferred (see <see cref="DeferredFlush"/>) and that can flush for real.</summary>
internal interface IFlushTarget
{
    Task FlushNowAsync(CancellationToken cancellationToken);
}

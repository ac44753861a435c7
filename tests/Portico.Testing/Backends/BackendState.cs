using System.Collections.Concurrent;
using Grpc.Core;

namespace Portico.Testing;

/// <summary>Counters and request log shared by the backend's pipeline and its <see cref="TestBackend"/> handle.</summary>
internal sealed class BackendState(string name, TestBackendOptions options)
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private long _calls;
    private long _grpcCalls;
    private long _httpRequests;
    private long _cancellations;
    private long _healthChecks;
    private long _active;
    private long _connections;
    private long _openConnections;

    public string Name { get; } = name;

    public TestBackendOptions Options { get; } = options;

    public StatusCode? ForcedGrpcStatus { get; set; }

    public int? ForcedHttpStatus { get; set; }

    public long Calls => Interlocked.Read(ref _calls);

    public long GrpcCalls => Interlocked.Read(ref _grpcCalls);

    public long HttpRequests => Interlocked.Read(ref _httpRequests);

    public long Cancellations => Interlocked.Read(ref _cancellations);

    public long HealthChecks => Interlocked.Read(ref _healthChecks);

    public long Active => Interlocked.Read(ref _active);

    public long Connections => Interlocked.Read(ref _connections);

    public long OpenConnections => Interlocked.Read(ref _openConnections);

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public void RequestStarted(ReceivedRequest request)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref request.IsGrpc ? ref _grpcCalls : ref _httpRequests);
        Interlocked.Increment(ref _active);
        _requests.Enqueue(request);
        while (_requests.Count > Options.RequestLogCapacity && _requests.TryDequeue(out _))
        {
        }
    }

    public void RequestEnded() => Interlocked.Decrement(ref _active);

    public void HealthCheckReceived() => Interlocked.Increment(ref _healthChecks);

    public void CancellationObserved() => Interlocked.Increment(ref _cancellations);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _openConnections);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _grpcCalls, 0);
        Interlocked.Exchange(ref _httpRequests, 0);
        Interlocked.Exchange(ref _cancellations, 0);
        Interlocked.Exchange(ref _healthChecks, 0);
        Interlocked.Exchange(ref _connections, 0);
        _requests.Clear();
    }
}

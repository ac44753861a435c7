using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Portico.Testing;

/// <summary>
/// Wraps every gRPC handler: applies a forced failure status and counts calls that ended because the
/// client cancelled, reset the stream or hit its deadline, so tests can assert the cancel reached the backend.
/// </summary>
internal sealed class BackendInterceptor(BackendState state) : Interceptor
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfForced(context);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCancellation(ex, context))
        {
            state.CancellationObserved();
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfForced(context);
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCancellation(ex, context))
        {
            state.CancellationObserved();
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfForced(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCancellation(ex, context))
        {
            state.CancellationObserved();
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfForced(context);
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCancellation(ex, context))
        {
            state.CancellationObserved();
            throw;
        }
    }

    // A reset or deadline surfaces as OperationCanceledException from our delays, or as IOException from
    // stream reads/writes; either way the call token tells us the cause was the client side.
    private static bool IsCancellation(Exception ex, ServerCallContext context) =>
        ex is OperationCanceledException or IOException && context.CancellationToken.IsCancellationRequested;

    private void ThrowIfForced(ServerCallContext context)
    {
        if (state.ForcedGrpcStatus is { } status && !context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(status, $"forced by backend {state.Name}"));
        }
    }
}

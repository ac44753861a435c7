using Grpc.Core;

namespace Portico.Cli.Demo.Verify;

/// <summary>Runs one unary call with a deadline and turns a failure into a value, so a check can report it.</summary>
internal static class GrpcProbe
{
    /// <summary>Per call; generous, since a first call also pays for the TCP and TLS handshakes.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<Probe<T>> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call, Metadata? headers, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        var options = new CallOptions(headers, DateTime.UtcNow.Add(Deadline), cancellationToken);
        try
        {
            using var pending = call(options);
            return new Probe<T>(await pending.ResponseAsync.ConfigureAwait(false), null);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new Probe<T>(null, e);
        }
    }

    public static Metadata Headers(params (string Name, string Value)[] headers)
    {
        var metadata = new Metadata();
        foreach (var (name, value) in headers)
        {
            metadata.Add(name, value);
        }

        return metadata;
    }
}

using Grpc.Core;

namespace Portico.Cli.Demo.Verify;

/// <summary>A unary call's outcome: the reply, or the status it failed with.</summary>
internal sealed record Probe<T>(T? Reply, RpcException? Error)
    where T : class
{
    /// <summary><paramref name="describe"/> of the reply, or <c>Code: detail</c> for a failure.</summary>
    public string Show(Func<T, string> describe) =>
        Reply is not null ? describe(Reply) : $"{Error!.StatusCode}: {Error.Status.Detail}";
}

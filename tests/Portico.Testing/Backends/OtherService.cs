using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing;

/// <summary><c>portico.test.Other</c>: a second service for service-level route matching.</summary>
internal sealed class OtherService(BackendState state) : Other.OtherBase
{
    public override Task<EchoReply> Call(EchoRequest request, ServerCallContext context) =>
        EchoReplies.UnaryAsync(request, context, state);
}

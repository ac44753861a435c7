using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.Testing;

/// <summary><c>portico.test.Anchor</c>: methods <c>Echo</c> and <c>EchoTwo</c>, to prove method matches are exact, not prefixes.</summary>
internal sealed class AnchorService(BackendState state) : Anchor.AnchorBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        EchoReplies.UnaryAsync(request, context, state);

    public override Task<EchoReply> EchoTwo(EchoRequest request, ServerCallContext context) =>
        EchoReplies.UnaryAsync(request, context, state);
}

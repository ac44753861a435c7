using Google.Protobuf;
using Grpc.Core;
using Portico.Testing.Protos;

namespace Portico.EndToEnd.Tests.Support;

/// <summary>Unary calls to any <c>/service/method</c> with the test messages, for routing tables of outcomes.</summary>
internal static class GrpcCalls
{
    private static readonly Marshaller<EchoRequest> Request = Marshallers.Create(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom);
    private static readonly Marshaller<EchoReply> Reply = Marshallers.Create(r => r.ToByteArray(), EchoReply.Parser.ParseFrom);

    /// <summary>Calls <paramref name="service"/>/<paramref name="method"/> (which need not exist in the proto).</summary>
    public static Task<EchoReply> UnaryAsync(CallInvoker invoker, string service, string method, Metadata? headers = null, EchoRequest? request = null)
    {
        var m = new Method<EchoRequest, EchoReply>(MethodType.Unary, service, method, Request, Reply);
        return invoker.AsyncUnaryCall(m, null, new CallOptions(headers), request ?? new EchoRequest()).ResponseAsync;
    }

    /// <summary>The answering backend's name, or the status code name when the call failed.</summary>
    public static async Task<string> OutcomeAsync(CallInvoker invoker, string service, string method, Metadata? headers = null)
    {
        try
        {
            return (await UnaryAsync(invoker, service, method, headers)).Server;
        }
        catch (RpcException e)
        {
            return e.StatusCode.ToString();
        }
    }
}

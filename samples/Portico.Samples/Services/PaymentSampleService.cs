using Grpc.Core;
using Portico.Samples.Protos.Payment.V1;

namespace Portico.Samples.Services;

/// <summary><c>payment.v1.PaymentService</c>: approves everything; the reply shows who answered and what headers came.</summary>
internal sealed class PaymentSampleService(SampleInstance instance) : PaymentService.PaymentServiceBase
{
    public override Task<ProcessPaymentReply> ProcessPayment(ProcessPaymentRequest request, ServerCallContext context)
    {
        if (request.AmountCents < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "amount_cents must not be negative"));
        }

        var reply = new ProcessPaymentReply
        {
            PaymentId = "pay-" + Guid.NewGuid().ToString("N")[..8],
            OrderId = request.OrderId,
            State = "APPROVED",
        };
        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return Task.FromResult(reply);
    }
}

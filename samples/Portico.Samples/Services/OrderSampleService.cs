using Grpc.Core;
using Portico.Samples.Protos.Order.V1;

namespace Portico.Samples.Services;

/// <summary><c>order.v1.OrderService</c>: orders are made up from their id; nothing is stored.</summary>
internal sealed class OrderSampleService(SampleInstance instance) : OrderService.OrderServiceBase
{
    public override Task<OrderReply> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var id = string.IsNullOrEmpty(request.OrderId) ? "1001" : request.OrderId;
        var order = new Order { OrderId = id, UserId = "123", State = "SHIPPED", ItemIds = { "sku-1", "sku-2" } };
        return Task.FromResult(Reply(order, context));
    }

    public override Task<OrderReply> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        var order = new Order { OrderId = Guid.NewGuid().ToString("N")[..8], UserId = request.UserId, State = "CREATED" };
        order.ItemIds.Add(request.ItemIds);
        return Task.FromResult(Reply(order, context));
    }

    private OrderReply Reply(Order order, ServerCallContext context)
    {
        var reply = new OrderReply { Order = order };
        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return reply;
    }
}

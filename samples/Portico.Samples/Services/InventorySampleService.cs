using Grpc.Core;
using Portico.Samples.Protos.Inventory.V1;

namespace Portico.Samples.Services;

/// <summary><c>inventory.v1.InventoryService</c>: a stock level derived from the SKU, so repeated calls agree.</summary>
internal sealed class InventorySampleService(SampleInstance instance) : InventoryService.InventoryServiceBase
{
    public override Task<GetStockReply> GetStock(GetStockRequest request, ServerCallContext context)
    {
        var sku = string.IsNullOrEmpty(request.Sku) ? "sku-1" : request.Sku;

        // string.GetHashCode is randomized per process; a fixed sum keeps the number stable across runs.
        var quantity = sku.Sum(c => c) % 100;
        var reply = new GetStockReply { Sku = sku, Quantity = quantity };
        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return Task.FromResult(reply);
    }
}

using Portico.Model.GatewayApi;
using Portico.Samples.Protos.Inventory.V1;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// The guide's ReferenceGrant: inventory-route (namespace app) reaches inventory-service (namespace backend) while the
/// grant exists; with the grant removed from the gateway's copy of the manifests, the route reports
/// <c>ResolvedRefs=False/RefNotPermitted</c> and calls fail with UNAVAILABLE; restored, calls work again.
/// The user's files are never touched: the verify run reads copies (<see cref="RunDirectory"/>).
/// </summary>
internal static class ReferenceGrantChecks
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(VerifyContext context)
    {
        const string route = Walkthrough.InventoryRoute;
        var channel = context.Channel(Walkthrough.GrpcGateway, Walkthrough.TlsListener, Walkthrough.InventoryHost);
        if (channel is null)
        {
            context.MissingListener("inventory-route", Walkthrough.InventoryService, Walkthrough.GrpcGateway, Walkthrough.TlsListener);
            return;
        }

        var client = new InventoryService.InventoryServiceClient(channel);
        var prefix = $"{Walkthrough.InventoryHost} GetStock";
        var granted = await CallAsync(client, context).ConfigureAwait(false);
        context.Report.Expect($"{prefix}, grant present", Walkthrough.InventoryService, granted);

        var grant = context.Session.Plan.Manifests.Objects.FirstOrDefault(o => o.Object is ReferenceGrant && o.Object.FullName == Walkthrough.ReferenceGrant);
        if (grant is null)
        {
            context.Report.Add($"ReferenceGrant {Walkthrough.ReferenceGrant}", "present in the manifests", StatusView.Missing, passed: false);
            return;
        }

        context.Session.Run.RemoveObjects(grant.File, o => o is ReferenceGrant && o.FullName == Walkthrough.ReferenceGrant);
        var refused = await WaitForAsync(context, route, "False").ConfigureAwait(false);
        context.Report.Expect($"GRPCRoute {route}, grant removed", "ResolvedRefs=False/RefNotPermitted", refused);
        var denied = await GrpcProbe.CallAsync(o => client.GetStockAsync(new GetStockRequest { Sku = "sku-1" }, o), null, context.CancellationToken).ConfigureAwait(false);
        context.Report.Expect($"{prefix}, grant removed", "Unavailable", denied.Reply is null ? denied.Error!.StatusCode.ToString() : denied.Show(r => r.ServerVersion));

        context.Session.Run.Restore(grant.File);
        var restored = await WaitForAsync(context, route, "True").ConfigureAwait(false);
        context.Report.Expect($"GRPCRoute {route}, grant restored", "ResolvedRefs=True/ResolvedRefs", restored);
        context.Report.Expect($"{prefix}, grant restored", Walkthrough.InventoryService, await CallAsync(client, context).ConfigureAwait(false));
    }

    private static async Task<string> CallAsync(InventoryService.InventoryServiceClient client, VerifyContext context)
    {
        var call = await GrpcProbe.CallAsync(o => client.GetStockAsync(new GetStockRequest { Sku = "sku-1" }, o), null, context.CancellationToken).ConfigureAwait(false);
        return call.Show(r => r.ServerVersion);
    }

    /// <summary>Waits until the gateway has applied the edited manifests (the route's ResolvedRefs turns <paramref name="status"/>).</summary>
    private static async Task<string> WaitForAsync(VerifyContext context, string route, string status)
    {
        var deadline = DateTime.UtcNow + context.Session.Plan.Options.ReloadTimeout;
        while (true)
        {
            var conditions = context.Status.RouteConditions(route);
            if (conditions?.FirstOrDefault(c => c.Type == "ResolvedRefs")?.Status == status || DateTime.UtcNow >= deadline)
            {
                return StatusView.Show(conditions, "ResolvedRefs", withReason: true);
            }

            await Task.Delay(PollInterval, context.CancellationToken).ConfigureAwait(false);
        }
    }
}

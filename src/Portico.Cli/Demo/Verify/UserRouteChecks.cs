using Portico.Samples.Protos.User.V1;

namespace Portico.Cli.Demo.Verify;

/// <summary>
/// The guide's hands-on step 4 (<c>grpcurl -d '{"user_id": "123"}' -H "x-request-id: test-001"
/// user.api.example.com:443 user.v1.UserService/GetUser</c>): reads reach the reader, writes the writer, over TLS with
/// SNI <c>user.api.example.com</c>; and user-service-route on production-gateway (<c>api.example.com</c>).
/// </summary>
internal static class UserRouteChecks
{
    public static async Task RunAsync(VerifyContext context)
    {
        var channel = context.Channel(Walkthrough.GrpcGateway, Walkthrough.TlsListener, Walkthrough.UserHost);
        if (channel is null)
        {
            context.MissingListener("user-grpc-route", Walkthrough.UserReader, Walkthrough.GrpcGateway, Walkthrough.TlsListener);
        }
        else
        {
            var client = new UserService.UserServiceClient(channel);
            var prefix = $"{Walkthrough.UserHost} ";
            var get = await GrpcProbe.CallAsync(o => client.GetUserAsync(new GetUserRequest { UserId = "123" }, o),
                GrpcProbe.Headers((Walkthrough.RequestIdHeader, Walkthrough.RequestId)), context.CancellationToken).ConfigureAwait(false);
            context.Report.Expect(prefix + "GetUser (x-request-id: test-001)", $"{Walkthrough.UserReader}, x-request-id echoed",
                get.Show(r => r.ServerVersion + (r.Metadata.TryGetValue(Walkthrough.RequestIdHeader, out var id) && id == Walkthrough.RequestId ? ", x-request-id echoed" : ", x-request-id missing")));

            var list = await GrpcProbe.CallAsync(o => client.ListUsersAsync(new ListUsersRequest(), o), null, context.CancellationToken).ConfigureAwait(false);
            context.Report.Expect(prefix + "ListUsers", Walkthrough.UserReader, list.Show(r => r.ServerVersion));

            var create = await GrpcProbe.CallAsync(o => client.CreateUserAsync(new CreateUserRequest { Name = "Kim" }, o), null, context.CancellationToken).ConfigureAwait(false);
            context.Report.Expect(prefix + "CreateUser", Walkthrough.UserWriter, create.Show(r => r.ServerVersion));

            var update = await GrpcProbe.CallAsync(o => client.UpdateUserAsync(new UpdateUserRequest { UserId = "123", Name = "Lee" }, o), null, context.CancellationToken).ConfigureAwait(false);
            context.Report.Expect(prefix + "UpdateUser", Walkthrough.UserWriter, update.Show(r => r.ServerVersion));

            var delete = await GrpcProbe.CallAsync(o => client.DeleteUserAsync(new DeleteUserRequest { UserId = "123" }, o), null, context.CancellationToken).ConfigureAwait(false);
            context.Report.Expect(prefix + "DeleteUser", Walkthrough.UserWriter, delete.Show(r => r.ServerVersion));
        }

        await ProductionRouteAsync(context).ConfigureAwait(false);
    }

    private static async Task ProductionRouteAsync(VerifyContext context)
    {
        var channel = context.Channel(Walkthrough.ProductionGateway, Walkthrough.HttpsListener, Walkthrough.ApiHost);
        if (channel is null)
        {
            context.MissingListener("user-service-route", Walkthrough.UserService, Walkthrough.ProductionGateway, Walkthrough.HttpsListener);
            return;
        }

        var client = new UserService.UserServiceClient(channel);
        var prefix = $"{Walkthrough.ApiHost} ";
        var get = await GrpcProbe.CallAsync(o => client.GetUserAsync(new GetUserRequest { UserId = "123" }, o), null, context.CancellationToken).ConfigureAwait(false);
        context.Report.Expect(prefix + "GetUser", Walkthrough.UserService, get.Show(r => r.ServerVersion));

        var create = await GrpcProbe.CallAsync(o => client.CreateUserAsync(new CreateUserRequest { Name = "Kim" }, o), null, context.CancellationToken).ConfigureAwait(false);
        context.Report.Expect(prefix + "CreateUser", Walkthrough.UserWriteService, create.Show(r => r.ServerVersion));

        // user-service-route has rules for GetUser and CreateUser only; the gateway itself answers the rest.
        var update = await GrpcProbe.CallAsync(o => client.UpdateUserAsync(new UpdateUserRequest { UserId = "123" }, o), null, context.CancellationToken).ConfigureAwait(false);
        context.Report.Expect(prefix + "UpdateUser (no rule)", "Unimplemented", update.Reply is null ? update.Error!.StatusCode.ToString() : update.Show(r => r.ServerVersion));
    }
}

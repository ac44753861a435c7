using Grpc.Core;
using Portico.Samples.Protos.User.V1;

namespace Portico.Samples.Services;

/// <summary>
/// <c>user.v1.UserService</c>. Keeps no data: users are made up from their id, so readers and writers (separate
/// instances behind one route) answer consistently without sharing state.
/// </summary>
internal sealed class UserSampleService(SampleInstance instance) : UserService.UserServiceBase
{
    private const int DefaultPageSize = 3;
    private const int MaxPageSize = 100;

    public override Task<UserReply> GetUser(GetUserRequest request, ServerCallContext context)
    {
        RequireId(request.UserId);
        return Task.FromResult(Reply(MakeUser(request.UserId), context));
    }

    public override Task<ListUsersReply> ListUsers(ListUsersRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"page_size must be 0-{MaxPageSize} (0: {DefaultPageSize})"));
        }

        var reply = new ListUsersReply();
        var count = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        for (var i = 1; i <= count; i++)
        {
            reply.Users.Add(MakeUser(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return Task.FromResult(reply);
    }

    public override Task<UserReply> CreateUser(CreateUserRequest request, ServerCallContext context)
    {
        var id = string.IsNullOrEmpty(request.UserId) ? Guid.NewGuid().ToString("N")[..8] : request.UserId;
        return Task.FromResult(Reply(new User { UserId = id, Name = request.Name, Email = request.Email }, context));
    }

    public override Task<UserReply> UpdateUser(UpdateUserRequest request, ServerCallContext context)
    {
        RequireId(request.UserId);
        return Task.FromResult(Reply(new User { UserId = request.UserId, Name = request.Name, Email = request.Email }, context));
    }

    public override Task<DeleteUserReply> DeleteUser(DeleteUserRequest request, ServerCallContext context)
    {
        RequireId(request.UserId);
        var reply = new DeleteUserReply { UserId = request.UserId, Deleted = true };
        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return Task.FromResult(reply);
    }

    private UserReply Reply(User user, ServerCallContext context)
    {
        var reply = new UserReply { User = user };
        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return reply;
    }

    private static User MakeUser(string id) => new() { UserId = id, Name = $"User {id}", Email = $"user{id}@example.com" };

    private static void RequireId(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "user_id is required"));
        }
    }
}

using Grpc.Core;
using Portico.Samples.Protos.Recommendation.V1;

namespace Portico.Samples.Services;

/// <summary><c>recommendation.v1.RecommendationService</c>: item ids carry the instance's name, scores descend.</summary>
internal sealed class RecommendationSampleService(SampleInstance instance) : RecommendationService.RecommendationServiceBase
{
    private const int DefaultLimit = 3;
    private const int MaxLimit = 20;

    public override Task<GetRecommendationsReply> GetRecommendations(GetRecommendationsRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxLimit)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"limit must be 0-{MaxLimit} (0: {DefaultLimit})"));
        }

        var reply = new GetRecommendationsReply();
        var count = request.Limit == 0 ? DefaultLimit : request.Limit;
        for (var i = 1; i <= count; i++)
        {
            reply.Items.Add(new Recommendation { ItemId = $"{instance.Name}-item-{i}", Score = 1.0 / i });
        }

        reply.ServerVersion = instance.Answer(context, reply.Metadata);
        return Task.FromResult(reply);
    }
}

using Portico.Routing.Matching;

namespace Portico.Translation.Routes.Grpc;

/// <summary>One compiled GRPCRoute match; <see cref="Index"/> is -1 for a rule without matches.</summary>
internal sealed record GrpcMatchSpec(int Index, GrpcMethodMatch Method, IReadOnlyList<HeaderMatch> Headers);

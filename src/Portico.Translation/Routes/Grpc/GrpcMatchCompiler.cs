using System.Text.RegularExpressions;
using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using Portico.Translation.Common;
using GrpcMethodMatch = Portico.Routing.Matching.GrpcMethodMatch;

namespace Portico.Translation.Routes.Grpc;

/// <summary>GRPCRoute method and header matches (reference §1.1, §1.3), with the CEL rules the CRD would enforce.</summary>
internal static partial class GrpcMatchCompiler
{
    [GeneratedRegex(@"^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z_0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MethodPattern();

    public static (GrpcMatchSpec? Match, string? Error) Compile(GrpcRouteMatch match, int index, FieldPath field)
    {
        var (method, methodError) = CompileMethod(match.Method, field.Then(".method"));
        if (methodError is not null)
        {
            return (null, methodError);
        }

        var (headers, headerError) = HeaderMatches.Compile(match.Headers, static h => (h.Type, h.Name, h.Value), field.Then(".headers"));
        return headerError is not null ? (null, headerError) : (new GrpcMatchSpec(index, method!, headers), null);
    }

    private static (GrpcMethodMatch? Method, string? Error) CompileMethod(Model.GatewayApi.GrpcMethodMatch? m, FieldPath field)
    {
        if (m is null)
        {
            return (new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Any }, null);
        }

        var service = string.IsNullOrEmpty(m.Service) ? null : m.Service;
        var method = string.IsNullOrEmpty(m.Method) ? null : m.Method;
        if (service is null && method is null)
        {
            return (null, $"{field}: one of service or method must be set");
        }

        switch (m.Type)
        {
            case MatchTypes.Exact:
                if (service is not null && !ServicePattern().IsMatch(service))
                {
                    return (null, $"{field}.service \"{service}\" is not a valid fully-qualified gRPC service name");
                }

                if (method is not null && !MethodPattern().IsMatch(method))
                {
                    return (null, $"{field}.method \"{method}\" is not a valid gRPC method name");
                }

                // A leading dot is allowed by the CRD pattern but never appears in :path.
                return (new GrpcMethodMatch { Kind = GrpcMethodMatchKind.Exact, Service = service?.TrimStart('.'), Method = method }, null);
            case MatchTypes.RegularExpression:
                if (service is not null && Regexes.Validate(service) is { } se)
                {
                    return (null, $"{field}.service: {se}");
                }

                if (method is not null && Regexes.Validate(method) is { } me)
                {
                    return (null, $"{field}.method: {me}");
                }

                return (new GrpcMethodMatch { Kind = GrpcMethodMatchKind.RegularExpression, Service = service, Method = method }, null);
            default:
                return (null, $"{field}.type \"{m.Type}\" is not supported (Exact, RegularExpression)");
        }
    }
}

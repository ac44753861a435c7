using Portico.Model.Meta;
using Portico.Routing.Actions;
using Portico.Translation.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>
/// Turns a rule's backendRefs into weighted destinations (reference §1.6): weight 0 gets nothing; an unusable
/// backendRef keeps its share as an explicit UNAVAILABLE/500 destination; no backendRefs, or all weights 0, give
/// a fixed reply.
/// </summary>
internal static class DestinationBuilder
{
    /// <param name="route">The route and <paramref name="ruleField"/> name the rule in the replies' messages (built only then).</param>
    public static RouteAction Build(FilterSet rule, List<BackendRefInput> refs, BackendResolver backends, string routeKind,
        KubeObject route, bool grpc, FieldPath ruleField, List<Problem> refProblems, (TimeSpan? Request, TimeSpan? Backend) timeouts = default)
    {
        var routeNamespace = route.Namespace;
        var destinations = new List<Destination>(refs.Count);
        var total = 0L;
        foreach (var input in refs)
        {
            var resolved = backends.Resolve(input.Ref, routeKind, routeNamespace, grpc, input.Field);
            if (resolved.Problem is not null)
            {
                refProblems.Add(resolved.Problem);
            }

            if (input.Weight == 0)
            {
                continue;
            }

            total += input.Weight;
            destinations.Add(resolved.Backend is null
                ? new Destination { Weight = input.Weight, Failure = DirectResponse.Unavailable(FailureMessage(resolved.Problem!)) }
                : new Destination
                {
                    Weight = input.Weight,
                    BackendId = resolved.Backend.Id,
                    Failure = input.Filters.Error,
                    RequestHeaders = input.Filters.RequestHeaders,
                    ResponseHeaders = input.Filters.ResponseHeaders,
                    Mirrors = input.Filters.MirrorsCopy(),
                    Redirect = input.Filters.Redirect,
                    Rewrite = input.Filters.Rewrite,
                });
        }

        DirectResponse? direct = null;
        if (rule.Error is not null)
        {
            direct = rule.Error;
        }
        else if (rule.Redirect is null && refs.Count == 0)
        {
            direct = DirectResponse.NoBackends($"{routeKind} {route.FullName} {ruleField} has no backendRefs");
        }
        else if (rule.Redirect is null && total == 0)
        {
            direct = DirectResponse.Unavailable($"{routeKind} {route.FullName} {ruleField}: every backendRef has weight 0");
        }

        return new RouteAction
        {
            RequestHeaders = rule.RequestHeaders,
            ResponseHeaders = rule.ResponseHeaders,
            Mirrors = rule.MirrorsCopy(),
            Redirect = direct is null ? rule.Redirect : null,
            Rewrite = rule.Rewrite,
            DirectResponse = direct,
            Destinations = direct is null && rule.Redirect is null ? destinations : [],
            RequestTimeout = timeouts.Request,
            BackendRequestTimeout = timeouts.Backend,
        };
    }

    /// <summary>The client-facing text: the reason without the manifest field path.</summary>
    private static string FailureMessage(Problem p) => p.Reason switch
    {
        "RefNotPermitted" => "backend not permitted (RefNotPermitted)",
        "BackendNotFound" => "backend not found (BackendNotFound)",
        "InvalidKind" => "backend kind not supported (InvalidKind)",
        "UnsupportedProtocol" => "backend protocol not supported (UnsupportedProtocol)",
        _ => $"backend unavailable ({p.Reason})",
    };
}

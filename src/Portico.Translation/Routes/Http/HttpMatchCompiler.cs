using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Http;

/// <summary>HTTPRoute path, header, query parameter and method matches (reference §5), with the CRD's CEL rules.</summary>
internal static class HttpMatchCompiler
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    public static (HttpMatchSpec? Match, string? Error) Compile(HttpRouteMatch match, int index, FieldPath field)
    {
        var path = match.Path ?? new HttpPathMatch();
        PathMatch compiled;
        switch (path.Type)
        {
            case MatchTypes.Exact or MatchTypes.PathPrefix:
                if (ValidatePath(path.Value) is { } pathError)
                {
                    return (null, $"{field}.path.value \"{path.Value}\" {pathError}");
                }

                compiled = new PathMatch { Kind = path.Type == MatchTypes.Exact ? PathMatchKind.Exact : PathMatchKind.PathPrefix, Value = path.Value };
                break;
            case MatchTypes.RegularExpression:
                if (Regexes.Validate(path.Value) is { } regexError)
                {
                    return (null, $"{field}.path.value: {regexError}");
                }

                compiled = new PathMatch { Kind = PathMatchKind.RegularExpression, Value = path.Value };
                break;
            default:
                return (null, $"{field}.path.type \"{path.Type}\" is not supported (Exact, PathPrefix, RegularExpression)");
        }

        if (match.Method is { } method && !Methods.Contains(method, StringComparer.Ordinal))
        {
            return (null, $"{field}.method \"{method}\" is not one of {string.Join(", ", Methods)}");
        }

        var (headers, headerError) = HeaderMatches.Compile(match.Headers, static h => (h.Type, h.Name, h.Value), field.Then(".headers"));
        if (headerError is not null)
        {
            return (null, headerError);
        }

        var (query, queryError) = CompileQuery(match.QueryParams, field.Then(".queryParams"));
        return queryError is not null ? (null, queryError) : (new HttpMatchSpec(index, compiled, match.Method, headers, query), null);
    }

    /// <summary>CRD rules for Exact/PathPrefix values: absolute, no <c>//</c>, no dot segments, no <c>#</c> or encoded slash.</summary>
    public static string? ValidatePath(string value)
    {
        if (!value.StartsWith('/'))
        {
            return "must start with \"/\"";
        }

        if (value.Contains("//", StringComparison.Ordinal) || value.Contains("/./", StringComparison.Ordinal) ||
            value.Contains("/../", StringComparison.Ordinal) || value.EndsWith("/..", StringComparison.Ordinal) ||
            value.EndsWith("/.", StringComparison.Ordinal))
        {
            return "must not contain \"//\" or dot segments";
        }

        if (value.Contains('#', StringComparison.Ordinal) || value.Contains("%2f", StringComparison.OrdinalIgnoreCase) ||
            value.Contains("%2F", StringComparison.Ordinal))
        {
            return "must not contain \"#\" or an encoded \"/\"";
        }

        return value.Length > 1024 ? "is longer than 1024 characters" : null;
    }

    private static (IReadOnlyList<HeaderMatch> Matches, string? Error) CompileQuery(IReadOnlyList<HttpQueryParamMatch> query, FieldPath field)
    {
        if (query.Count == 0)
        {
            return ([], null);
        }

        var result = new List<HeaderMatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // query names are case-sensitive; first wins.
        for (var i = 0; i < query.Count; i++)
        {
            var q = query[i];
            if (q.Name.Length == 0)
            {
                return (result, $"{field}[{i}].name must not be empty");
            }

            if (!seen.Add(q.Name))
            {
                continue;
            }

            switch (q.Type)
            {
                case MatchTypes.Exact:
                    result.Add(new HeaderMatch { Name = q.Name, Kind = StringMatchKind.Exact, Value = q.Value });
                    break;
                case MatchTypes.RegularExpression when Regexes.Validate(q.Value) is { } e:
                    return (result, $"{field}[{i}].value: {e}");
                case MatchTypes.RegularExpression:
                    result.Add(new HeaderMatch { Name = q.Name, Kind = StringMatchKind.RegularExpression, Value = q.Value });
                    break;
                default:
                    return (result, $"{field}[{i}].type \"{q.Type}\" is not supported (Exact, RegularExpression)");
            }
        }

        return (result, null);
    }
}

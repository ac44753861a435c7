using Portico.Model.GatewayApi;
using Portico.Routing.Matching;
using SpecGrpcMatch = Portico.Model.GatewayApi.GrpcRouteMatch;
using SpecHttpMatch = Portico.Model.GatewayApi.HttpRouteMatch;

namespace Portico.Cli.Admin;

/// <summary>
/// One line per match, the same words for a route's spec (<c>describe</c>) and the compiled table (<c>routes</c>):
/// <c>grpc /user.v1.UserService/GetUser header:x-env=canary</c>, <c>http PathPrefix /api method=GET query:v=2</c>.
/// Regular expressions are written <c>~=</c> (header) or prefixed <c>~</c> (gRPC method).
/// </summary>
internal static class MatchText
{
    public static string Grpc(SpecGrpcMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var m = match.Method;
        var method = m is null
            ? "*"
            : GrpcPath(string.Equals(m.Type, MatchTypes.RegularExpression, StringComparison.Ordinal), m.Service, m.Method);
        return Join("grpc " + method, match.Headers.Select(static h => Header("header", h.Name, h.Value, IsRegex(h.Type))));
    }

    public static string Grpc(GrpcRouteEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var m = entry.Method;
        var method = m.Kind == GrpcMethodMatchKind.Any ? "*" : GrpcPath(m.Kind == GrpcMethodMatchKind.RegularExpression, m.Service, m.Method);
        return Join("grpc " + method, entry.Headers.Select(static h => Header("header", h.Name, h.Value, h.Kind == StringMatchKind.RegularExpression)));
    }

    public static string Http(SpecHttpMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var path = match.Path is { } p ? $"{p.Type} {p.Value}" : "PathPrefix /";
        return Join("http " + path, HttpExtras(match.Method,
            match.Headers.Select(static h => Header("header", h.Name, h.Value, IsRegex(h.Type))),
            match.QueryParams.Select(static q => Header("query", q.Name, q.Value, IsRegex(q.Type)))));
    }

    public static string Http(HttpRouteEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Join($"http {entry.Path.Kind} {entry.Path.Value}", HttpExtras(entry.Method,
            entry.Headers.Select(static h => Header("header", h.Name, h.Value, h.Kind == StringMatchKind.RegularExpression)),
            entry.QueryParams.Select(static q => Header("query", q.Name, q.Value, q.Kind == StringMatchKind.RegularExpression))));
    }

    private static IEnumerable<string> HttpExtras(string? method, IEnumerable<string> headers, IEnumerable<string> query) =>
        (method is null ? [] : new[] { "method=" + method }).Concat(headers).Concat(query);

    private static string GrpcPath(bool regex, string? service, string? method) =>
        (regex ? "~" : string.Empty) + $"/{service ?? "*"}/{method ?? "*"}";

    private static string Header(string what, string name, string value, bool regex) => $"{what}:{name}{(regex ? "~=" : "=")}{value}";

    private static bool IsRegex(string type) => string.Equals(type, MatchTypes.RegularExpression, StringComparison.Ordinal);

    private static string Join(string head, IEnumerable<string> rest) => string.Join(' ', new[] { head }.Concat(rest));
}

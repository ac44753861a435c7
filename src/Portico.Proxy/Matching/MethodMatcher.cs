using System.Text.RegularExpressions;
using Portico.Routing.Matching;

namespace Portico.Proxy.Matching;

/// <summary>
/// A compiled gRPC method match over <c>:path</c> = <c>/{service}/{method}</c>. Case-sensitive, ordinal, anchored:
/// <c>Echo</c> never matches <c>EchoTwo</c>. Regexes are compiled once per table with the non-backtracking engine
/// (immune to catastrophic backtracking on user-supplied patterns) when the pattern allows it.
/// </summary>
internal sealed class MethodMatcher
{
    private readonly GrpcMethodMatchKind _kind;
    private readonly string? _exactPath;     // "/svc/method"
    private readonly string? _servicePrefix; // "/svc/"
    private readonly string? _methodSuffix;  // "/method"
    private readonly Regex? _service;
    private readonly Regex? _method;

    public MethodMatcher(GrpcMethodMatch match)
    {
        _kind = match.Kind;
        switch (match.Kind)
        {
            case GrpcMethodMatchKind.Exact when match.Service is not null && match.Method is not null:
                _exactPath = $"/{match.Service}/{match.Method}";
                break;
            case GrpcMethodMatchKind.Exact when match.Service is not null:
                _servicePrefix = $"/{match.Service}/";
                ServicePrefix = match.Service;
                break;
            case GrpcMethodMatchKind.Exact:
                _methodSuffix = $"/{match.Method}";
                break;
            case GrpcMethodMatchKind.RegularExpression:
                _service = match.Service is null ? null : Patterns.Compile(match.Service);
                ServicePrefix = match.Service is null ? string.Empty : LiteralPrefix.Of(match.Service);
                _method = match.Method is null ? null : Patterns.Compile(match.Method);
                break;
        }
    }

    /// <summary>The full path when this is an exact service+method match (dictionary key), else null.</summary>
    public string? ExactPath => _exactPath;

    /// <summary>
    /// Text every service this match accepts starts with: the service of an exact match, the literal start of a
    /// service regex, empty when any service may match (method-only, any, or no literal start).
    /// </summary>
    public string ServicePrefix { get; private set; } = string.Empty;

    public bool Matches(string path)
    {
        switch (_kind)
        {
            case GrpcMethodMatchKind.Any:
                return true;
            case GrpcMethodMatchKind.Exact when _exactPath is not null:
                return string.Equals(path, _exactPath, StringComparison.Ordinal);
        }

        if (!TrySplit(path, out var service, out var method))
        {
            return false;
        }

        if (_servicePrefix is not null)
        {
            return path.StartsWith(_servicePrefix, StringComparison.Ordinal);
        }

        if (_methodSuffix is not null)
        {
            return path.EndsWith(_methodSuffix, StringComparison.Ordinal);
        }

        return (_service is null || _service.IsMatch(service)) && (_method is null || _method.IsMatch(method));
    }

    /// <summary>Splits <c>/svc/method</c>; both parts non-empty, no further slash in the method.</summary>
    private static bool TrySplit(string path, out ReadOnlySpan<char> service, out ReadOnlySpan<char> method)
    {
        service = default;
        method = default;
        if (path.Length < 4 || path[0] != '/')
        {
            return false;
        }

        var slash = path.IndexOf('/', 1);
        if (slash <= 1 || slash == path.Length - 1 || path.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        service = path.AsSpan(1, slash - 1);
        method = path.AsSpan(slash + 1);
        return true;
    }
}

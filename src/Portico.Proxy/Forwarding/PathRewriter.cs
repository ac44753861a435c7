using Portico.Routing.Actions;

namespace Portico.Proxy.Forwarding;

/// <summary>ReplaceFullPath and ReplacePrefixMatch (HTTPRoute URLRewrite and RequestRedirect).</summary>
internal static class PathRewriter
{
    public static string Rewrite(string path, PathRewrite rewrite)
    {
        if (rewrite.Kind == PathRewriteKind.ReplaceFullPath)
        {
            return rewrite.Value;
        }

        // The matched prefix ends on a segment boundary; keep the rest of the path after it.
        var prefix = rewrite.MatchedPrefix is null or "/" ? string.Empty : rewrite.MatchedPrefix.TrimEnd('/');
        var rest = path.Length >= prefix.Length ? path[prefix.Length..] : string.Empty;
        var replacement = rewrite.Value.TrimEnd('/');
        if (rest.Length == 0)
        {
            return replacement.Length == 0 ? "/" : replacement;
        }

        return replacement + (rest.StartsWith('/') ? rest : "/" + rest);
    }
}

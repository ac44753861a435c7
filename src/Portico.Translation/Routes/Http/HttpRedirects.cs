using Portico.Model.GatewayApi;
using Portico.Routing.Actions;
using Portico.Translation.Common;

namespace Portico.Translation.Routes.Http;

/// <summary><c>RequestRedirect</c> and <c>URLRewrite</c> (reference §5): values checked as the CRD would.</summary>
internal static class HttpRedirects
{
    private static readonly int[] StatusCodes = [301, 302, 303, 307, 308];

    public static string? Redirect(FilterSet set, HttpRequestRedirectFilter? f, FieldPath field)
    {
        if (f is null)
        {
            return $"{field}: type RequestRedirect needs the requestRedirect field";
        }

        if (set.Redirect is not null || set.Rewrite is not null)
        {
            return $"{field}: RequestRedirect may appear once and not together with URLRewrite";
        }

        if (f.Scheme is not null and not "http" and not "https")
        {
            return $"{field}.requestRedirect.scheme \"{f.Scheme}\" is not http or https";
        }

        if (f.Hostname is { } h && Hostnames.Validate(h) is { } he)
        {
            return $"{field}.requestRedirect.hostname \"{h}\" {he}";
        }

        if (f.Port is < 1 or > 65535)
        {
            return $"{field}.requestRedirect.port {f.Port} is outside 1-65535";
        }

        if (!StatusCodes.Contains(f.StatusCode))
        {
            return $"{field}.requestRedirect.statusCode {f.StatusCode} is not one of 301, 302, 303, 307, 308";
        }

        var (path, pathError) = Path(f.Path, field.Then(".requestRedirect.path"));
        if (pathError is not null)
        {
            return pathError;
        }

        set.Redirect = new RedirectAction { Scheme = f.Scheme, Hostname = f.Hostname, Port = f.Port, Path = path, StatusCode = f.StatusCode };
        return null;
    }

    public static string? Rewrite(FilterSet set, HttpUrlRewriteFilter? f, FieldPath field)
    {
        if (f is null)
        {
            return $"{field}: type URLRewrite needs the urlRewrite field";
        }

        if (set.Redirect is not null || set.Rewrite is not null)
        {
            return $"{field}: URLRewrite may appear once and not together with RequestRedirect";
        }

        if (f.Hostname is { } h && Hostnames.Validate(h) is { } he)
        {
            return $"{field}.urlRewrite.hostname \"{h}\" {he}";
        }

        var (path, pathError) = Path(f.Path, field.Then(".urlRewrite.path"));
        if (pathError is not null)
        {
            return pathError;
        }

        set.Rewrite = new UrlRewriteAction { Hostname = f.Hostname, Path = path };
        return null;
    }

    private static (PathRewrite? Path, string? Error) Path(HttpPathModifier? p, FieldPath field)
    {
        switch (p?.Type)
        {
            case null:
                return (null, null);
            case "ReplaceFullPath" when p.ReplaceFullPath is { } full:
                return HttpMatchCompiler.ValidatePath(full) is { } e
                    ? (null, $"{field}.replaceFullPath \"{full}\" {e}")
                    : (new PathRewrite { Kind = PathRewriteKind.ReplaceFullPath, Value = full }, null);
            case "ReplacePrefixMatch" when p.ReplacePrefixMatch is { } prefix:
                return HttpMatchCompiler.ValidatePath(prefix) is { } e2
                    ? (null, $"{field}.replacePrefixMatch \"{prefix}\" {e2}")
                    : (new PathRewrite { Kind = PathRewriteKind.ReplacePrefixMatch, Value = prefix }, null);
            case "ReplaceFullPath" or "ReplacePrefixMatch":
                return (null, $"{field}: type {p.Type} needs the {char.ToLowerInvariant(p.Type[0])}{p.Type[1..]} field");
            default:
                return (null, $"{field}.type \"{p.Type}\" is not ReplaceFullPath or ReplacePrefixMatch");
        }
    }
}

using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary><c>spec.hostnames</c> of a route: RFC 1123 names, optionally <c>*.</c>-prefixed; never an IP or a bare <c>*</c>.</summary>
internal static class RouteHostnames
{
    public static string? Validate(IReadOnlyList<string> hostnames)
    {
        for (var i = 0; i < hostnames.Count; i++)
        {
            if (Hostnames.Validate(hostnames[i]) is { } error)
            {
                return $"spec.hostnames[{i}] \"{hostnames[i]}\" {error}";
            }
        }

        return null;
    }
}

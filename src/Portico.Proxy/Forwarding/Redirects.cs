using System.Globalization;
using Microsoft.AspNetCore.Http;
using Portico.Routing.Actions;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// HTTPRoute RequestRedirect. Port rules of the spec: an explicit port wins; else a changed scheme takes its
/// well-known port; else the listener's port. A well-known port is left out of <c>Location</c>.
/// </summary>
internal static class Redirects
{
    public static void Write(HttpContext context, RedirectAction redirect, int listenerPort)
    {
        var request = context.Request;
        var scheme = redirect.Scheme ?? request.Scheme;
        var host = redirect.Hostname ?? request.Host.Host;
        var port = redirect.Port ?? (redirect.Scheme is not null ? WellKnown(scheme) : listenerPort);
        var path = redirect.Path is { } p ? PathRewriter.Rewrite(request.Path.Value ?? "/", p) : request.Path.Value ?? "/";
        var authority = port == WellKnown(scheme) ? host : host + ":" + port.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = redirect.StatusCode;
        context.Response.Headers.Location = $"{scheme}://{authority}{path}{request.QueryString.Value}";
    }

    private static int WellKnown(string scheme) => scheme == "https" ? 443 : 80;
}

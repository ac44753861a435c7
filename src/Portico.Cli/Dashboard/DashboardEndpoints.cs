using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.Cli.Dashboard;

/// <summary>
/// The dashboard on the admin address: <c>/</c> (and <c>/dashboard</c>) serve one HTML page, its stylesheet and
/// script, embedded in this assembly so the page works offline (no CDN, nothing to install). The page reads the
/// JSON endpoints (<c>/api/v1/objects</c>, <c>/api/v1/config</c>, <c>/api/v1/stats</c>) and polls them itself.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly (string Path, string Resource, string ContentType)[] Assets =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/dashboard", "index.html", "text/html; charset=utf-8"),
        ("/dashboard/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
        ("/dashboard/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
    ];

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var (path, resource, contentType) in Assets)
        {
            var bytes = DashboardAssets.Read(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                // Small and versioned with the binary: always revalidate so an upgrade shows at once.
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                return Results.Bytes(bytes, contentType);
            });
        }
    }
}

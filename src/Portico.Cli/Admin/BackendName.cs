using System.Globalization;

namespace Portico.Cli.Admin;

/// <summary>
/// Backend ids of the route table (<c>service/{namespace}/{name}/port/{port}/{protocol}</c>) in the user's words:
/// <c>service shop/cart:9000</c>. An id of another shape is shown as it is.
/// </summary>
internal static class BackendName
{
    public static string Display(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(id, out var ns, out var name, out var port)
            ? string.Create(CultureInfo.InvariantCulture, $"service {ns}/{name}:{port}")
            : id;
    }

    public static bool TryParse(string id, out string ns, out string name, out int port)
    {
        ArgumentNullException.ThrowIfNull(id);
        ns = name = string.Empty;
        port = 0;
        var parts = id.Split('/');
        if (parts.Length < 5 || parts[0] != "service" || parts[3] != "port" ||
            !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        ns = parts[1];
        name = parts[2];
        return true;
    }
}

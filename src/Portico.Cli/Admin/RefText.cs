using System.Globalization;
using Portico.Model.GatewayApi;

namespace Portico.Cli.Admin;

/// <summary>Short forms of references for table cells: names relative to the referring object's namespace.</summary>
internal static class RefText
{
    /// <summary><c>gw</c>, <c>infra/gw</c>, <c>gw:grpc</c> (section), <c>gw@8080</c> (port); other kinds are prefixed (<c>Service/mesh</c>).</summary>
    public static string Parent(ParentReference p, string ownNamespace)
    {
        ArgumentNullException.ThrowIfNull(p);
        var text = p.Namespace is { Length: > 0 } ns && ns != ownNamespace ? $"{ns}/{p.Name}" : p.Name;
        if (!string.Equals(p.Kind, GatewayApiGroup.GatewayKind, StringComparison.Ordinal))
        {
            text = $"{p.Kind}/{text}";
        }

        if (!string.IsNullOrEmpty(p.SectionName))
        {
            text += ":" + p.SectionName;
        }

        if (p.Port is { } port)
        {
            text += "@" + port.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary><c>name:port</c> or <c>ns/name:port</c>; non-Service kinds are prefixed with the kind.</summary>
    public static string Backend(BackendObjectReference b, string ownNamespace)
    {
        ArgumentNullException.ThrowIfNull(b);
        var text = b.Namespace is { Length: > 0 } ns && ns != ownNamespace ? $"{ns}/{b.Name}" : b.Name;
        if (!string.Equals(b.Kind, GatewayApiGroup.ServiceKind, StringComparison.Ordinal))
        {
            text = $"{b.Kind}/{text}";
        }

        return b.Port is { } port ? text + ":" + port.ToString(CultureInfo.InvariantCulture) : text;
    }

    /// <summary>A list cell: comma-separated, or <paramref name="empty"/>.</summary>
    public static string List(IEnumerable<string> values, string empty = "<none>")
    {
        var all = values.ToList();
        return all.Count == 0 ? empty : string.Join(",", all);
    }
}

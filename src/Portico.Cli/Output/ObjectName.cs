using Portico.Model.GatewayApi;
using Portico.Model.Status;

namespace Portico.Cli.Output;

/// <summary>How objects and parent references are named in human-readable output (kubectl style).</summary>
internal static class ObjectName
{
    /// <summary><c>Kind namespace/name</c>, or <c>Kind name</c> for cluster-scoped objects.</summary>
    public static string Of(StatusItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var ns = item.Metadata.Namespace;
        return string.IsNullOrEmpty(ns) ? $"{item.Kind} {item.Metadata.Name}" : $"{item.Kind} {ns}/{item.Metadata.Name}";
    }

    /// <summary>
    /// <c>Gateway infra/gw section grpc</c>, <c>Service app/payment port 50051</c>. A parentRef without a
    /// namespace means the route's own, so that is shown instead of leaving the reader to guess.
    /// </summary>
    public static string Of(ParentReference parent, string? routeNamespace)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var kind = parent.Group switch
        {
            GatewayApiGroup.Name or GatewayApiGroup.Core => parent.Kind,
            _ => $"{parent.Kind}.{parent.Group}",
        };
        var ns = parent.Namespace ?? routeNamespace;
        var text = string.IsNullOrEmpty(ns) ? $"{kind} {parent.Name}" : $"{kind} {ns}/{parent.Name}";
        if (!string.IsNullOrEmpty(parent.SectionName))
        {
            text += $" section {parent.SectionName}";
        }

        if (parent.Port is { } port)
        {
            text += $" port {port}";
        }

        return text;
    }
}

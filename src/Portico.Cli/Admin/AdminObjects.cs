using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;

namespace Portico.Cli.Admin;

/// <summary>The objects a running gateway is configured from, with their live status (<c>/api/v1/objects</c>).</summary>
internal sealed class AdminObjects
{
    private AdminObjects(IReadOnlyList<AdminObject> items)
    {
        Items = items;
    }

    public IReadOnlyList<AdminObject> Items { get; }

    public IEnumerable<GrpcRoute> GrpcRoutes => Items.Select(static i => i.Object).OfType<GrpcRoute>();

    public IEnumerable<HttpRoute> HttpRoutes => Items.Select(static i => i.Object).OfType<HttpRoute>();

    public static AdminObjects Parse(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var items = new List<AdminObject>();
        foreach (var node in document["items"]?.AsArray() ?? [])
        {
            if (node is not JsonObject o)
            {
                continue;
            }

            var apiVersion = o["apiVersion"]?.GetValue<string>() ?? string.Empty;
            var kind = o["kind"]?.GetValue<string>() ?? string.Empty;

            // A newer gateway may serve kinds this CLI does not know yet; they are skipped, not an error.
            if (ResourceKinds.Find(apiVersion, kind) is not { } known)
            {
                continue;
            }

            var typed = (KubeObject?)o.Deserialize(ModelJson.Lenient.GetTypeInfo(known.ClrType))
                ?? throw new JsonException($"{kind} without content");
            items.Add(new AdminObject(typed, o));
        }

        return new AdminObjects(items);
    }

    /// <summary>Objects of one kind, in one namespace (null: all), in namespace/name order.</summary>
    public IReadOnlyList<AdminObject> OfKind(string kind, string? ns) =>
        [.. Items.Where(i => string.Equals(i.Object.Kind, kind, StringComparison.Ordinal) && (ns is null || i.Object.Namespace == ns))
            .OrderBy(static i => i.Object.Namespace, StringComparer.Ordinal).ThenBy(static i => i.Object.Name, StringComparer.Ordinal)];
}

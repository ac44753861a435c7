using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Files.Yaml;
using Portico.Model.Core;
using Portico.Model.Meta;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;

namespace Portico.Files.Reading;

/// <summary>
/// Turns one loaded YAML document into validated objects: checks apiVersion/kind/name, looks the kind up in
/// <see cref="ResourceKinds"/>, applies the namespace rules, deserializes strictly and maps any failure back to the
/// line, column and field that caused it. A <c>v1 List</c> (what <c>kubectl get -o yaml</c> prints) is read item by item.
/// </summary>
internal sealed class ManifestDocumentReader
{
    private readonly string _file;
    private readonly SourceMap _map;
    private readonly List<ParsedObject> _objects;
    private readonly List<ManifestDiagnostic> _diagnostics;

    private ManifestDocumentReader(string file, SourceMap map, List<ParsedObject> objects, List<ManifestDiagnostic> diagnostics)
    {
        _file = file;
        _map = map;
        _objects = objects;
        _diagnostics = diagnostics;
    }

    public static void Read(string file, YamlJsonDocument document, List<ParsedObject> objects, List<ManifestDiagnostic> diagnostics)
    {
        if (document.Root is null)
        {
            return; // empty or comment-only document
        }

        var reader = new ManifestDocumentReader(file, document.Map, objects, diagnostics);
        if (document.Root is not JsonObject root)
        {
            reader.Error(document.Position, null, $"a manifest must be a mapping with apiVersion, kind and metadata, not {ModelSchema.DescribeValue(document.Root)}");
            return;
        }

        reader.ReadObject(root, FieldPath.Root, allowList: true);
    }

    private void ReadObject(JsonObject node, string prefix, bool allowList)
    {
        var position = _map.Find(prefix).Value;
        var errors = ErrorCount();
        foreach (var nullItem in ManifestTree.PruneNulls(node, prefix))
        {
            Error(_map.Find(nullItem).Value, nullItem, "a list item must not be null");
        }

        var apiVersion = RequiredString(node, prefix, "apiVersion", position);
        var kindName = RequiredString(node, prefix, "kind", position);
        if (apiVersion is null || kindName is null || ErrorCount() > errors)
        {
            return;
        }

        if (allowList && apiVersion == "v1" && kindName == "List")
        {
            ReadList(node, prefix);
            return;
        }

        var kind = ResourceKinds.Find(apiVersion, kindName);
        if (kind is null)
        {
            Warning(position, null, UnknownKindMessage(apiVersion, kindName, node));
            return;
        }

        if (node["metadata"] is null)
        {
            node["metadata"] = new JsonObject();
        }

        if (node["metadata"] is JsonObject metadata)
        {
            ApplyNamespaceRules(kind, metadata, FieldPath.Join(prefix, "metadata"));
        }

        var validated = Deserialize(node, kind.ClrType, prefix);
        if (validated is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(validated.Metadata.Name))
        {
            var namePath = FieldPath.Join(prefix, "metadata.name");
            var present = node["metadata"] is JsonObject written && written.ContainsKey("name");
            var at = present ? _map.Find(namePath).Value : _map.Find(FieldPath.Join(prefix, "metadata")).Key;
            Error(at, namePath, present ? "must not be empty" : "required field is missing");
            return;
        }

        if (validated is Secret secret && !CheckSecretData(secret, prefix))
        {
            return;
        }

        var key = new ObjectKey(kind.Group, kind.Kind, validated.Namespace, validated.Name);
        _objects.Add(new ParsedObject(kind, key, node, validated, _file, position.Line, position.Column));
    }

    private void ReadList(JsonObject node, string prefix)
    {
        var itemsPath = FieldPath.Join(prefix, "items");
        switch (node["items"])
        {
            case null:
                return;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    var itemPath = FieldPath.Item(itemsPath, i);
                    if (items[i] is JsonObject item)
                    {
                        ReadObject(item, itemPath, allowList: false);
                    }
                    else
                    {
                        Error(_map.Find(itemPath).Value, itemPath, $"expected a mapping, got {ModelSchema.DescribeValue(items[i])}");
                    }
                }

                return;
            default:
                Error(_map.Find(itemsPath).Value, itemsPath, $"expected a list, got {ModelSchema.DescribeValue(node["items"])}");
                return;
        }
    }

    // Missing metadata.namespace means "default" for namespaced kinds; cluster-scoped kinds have none (warned, dropped).
    private void ApplyNamespaceRules(ResourceKind kind, JsonObject metadata, string metadataPath)
    {
        var namespacePath = FieldPath.Join(metadataPath, "namespace");
        var value = metadata["namespace"];
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (kind.Namespaced)
        {
            if (value is null || text is { Length: 0 })
            {
                metadata["namespace"] = "default";
            }

            return;
        }

        if (value is null)
        {
            return;
        }

        if (text is not { Length: 0 })
        {
            Warning(_map.Find(namespacePath).Key, namespacePath,
                $"{kind.Kind} is cluster-scoped; namespace {ModelSchema.DescribeValue(value)} is ignored");
        }

        metadata.Remove("namespace");
    }

    private KubeObject? Deserialize(JsonObject node, Type type, string prefix)
    {
        var unknown = new List<(string Path, string Name)>();
        ModelSchema.FindUnknownFields(node, type, prefix, unknown);
        foreach (var (path, name) in unknown)
        {
            Error(_map.Find(path).Key, path, $"unknown field \"{name}\"");
        }

        if (unknown.Count > 0)
        {
            return null;
        }

        if (ManifestTree.FindTooDeep(node, prefix) is { } deepPath)
        {
            Error(_map.Find(deepPath).Value, deepPath, $"nesting deeper than {ManifestTree.MaxObjectDepth} levels");
            return null;
        }

        try
        {
            return (KubeObject?)JsonSerializer.Deserialize(node, ModelJson.Strict.GetTypeInfo(type));
        }
        catch (JsonException e)
        {
            ReportJsonError(e, node, type, prefix);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Error(_map.Find(prefix).Value, null, "cannot read this object: " + e.Message);
        }

        return null;
    }

    private void ReportJsonError(JsonException e, JsonObject node, Type type, string prefix)
    {
        var segments = FieldPath.Parse(e.Path) ?? [];
        var relative = FieldPath.Build(segments);
        var path = FieldPath.Join(prefix, relative);
        var entry = _map.Find(path);
        var expected = ModelSchema.Resolve(type, segments, out var unknown);
        if (unknown is not null)
        {
            Error(entry.Key, path, $"unknown field \"{unknown}\"");
            return;
        }

        var actual = ManifestTree.Navigate(node, segments);
        var got = ModelSchema.DescribeValue(actual);
        string message;
        if (expected is null)
        {
            message = $"invalid value {got}";
        }
        else if (ModelSchema.IsInteger(expected) && actual is JsonValue number && number.GetValueKind() == JsonValueKind.Number &&
                 !number.ToJsonString().Contains('.', StringComparison.Ordinal) && !number.ToJsonString().Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            message = $"expected an integer, got {got} (out of range)";
        }
        else
        {
            message = $"expected {ModelSchema.Describe(expected)}, got {got}";
        }

        Error(entry.Value, path, message);
    }

    private bool CheckSecretData(Secret secret, string prefix)
    {
        var ok = true;
        foreach (var (key, value) in secret.Data)
        {
            var buffer = new byte[value.Length];
            if (!Convert.TryFromBase64String(value, buffer, out _))
            {
                var path = FieldPath.Property(FieldPath.Join(prefix, "data"), key);
                Error(_map.Find(path).Value, path, $"invalid base64 in key \"{key}\"");
                ok = false;
            }
        }

        return ok;
    }

    private string? RequiredString(JsonObject node, string prefix, string name, SourcePosition objectPosition)
    {
        var path = FieldPath.Join(prefix, name);
        var value = node[name];
        if (value is null)
        {
            Error(objectPosition, path, "required field is missing");
            return null;
        }

        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            Error(_map.Find(path).Value, path, $"expected a string, got {ModelSchema.DescribeValue(value)}");
            return null;
        }

        var text = v.GetValue<string>();
        if (text.Length == 0)
        {
            Error(_map.Find(path).Value, path, "must not be empty");
            return null;
        }

        return text;
    }

    private static string UnknownKindMessage(string apiVersion, string kindName, JsonObject node)
    {
        var name = node["metadata"] is JsonObject m && m["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String
            ? $" \"{n.GetValue<string>()}\""
            : string.Empty;
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        foreach (var known in ResourceKinds.All)
        {
            if (known.Kind == kindName && known.Group == group)
            {
                var versions = string.Join(", ", known.Versions.Select(known.ApiVersion));
                return $"skipped {apiVersion} {kindName}{name}: unsupported version (Portico reads {versions})";
            }
        }

        return $"skipped {apiVersion} {kindName}{name}: not a kind Portico reads";
    }

    private int ErrorCount() => _diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    private void Error(SourcePosition at, string? field, string message) => Add(DiagnosticSeverity.Error, at, field, message);

    private void Warning(SourcePosition at, string? field, string message) => Add(DiagnosticSeverity.Warning, at, field, message);

    private void Add(DiagnosticSeverity severity, SourcePosition at, string? field, string message) =>
        _diagnostics.Add(new ManifestDiagnostic(severity, _file, at.Line == 0 ? null : at.Line, at.Column == 0 ? null : at.Column,
            string.IsNullOrEmpty(field) ? null : field, message));
}

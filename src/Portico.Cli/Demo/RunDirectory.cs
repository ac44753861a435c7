using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Files.Reading;
using Portico.Files.Yaml;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Serialization;

namespace Portico.Cli.Demo;

/// <summary>
/// The manifests the demo's gateway reads. The user's files keep the guide's ports; when <c>--port-offset</c> is set,
/// each file holding a Gateway is written to a temporary run directory as a copy whose listener ports are shifted,
/// and the gateway reads those copies plus the other files where they are. <c>--verify</c> copies every file
/// (<c>copyAll</c>), so it can edit manifests (remove the ReferenceGrant) without touching the user's. Copies are
/// written from the model, not the text. The directory is deleted on dispose.
/// </summary>
internal sealed class RunDirectory : IDisposable
{
    private readonly Dictionary<string, RunFile> _files;
    private readonly int _portOffset;

    private RunDirectory(string? path, Dictionary<string, RunFile> files, IReadOnlyList<string> configPaths, int portOffset)
    {
        DirectoryPath = path;
        _files = files;
        ConfigPaths = configPaths;
        _portOffset = portOffset;
    }

    /// <summary>The temporary directory, or null when the gateway reads the user's files directly.</summary>
    public string? DirectoryPath { get; }

    /// <summary>What to give the gateway as <c>--config</c>.</summary>
    public IReadOnlyList<string> ConfigPaths { get; }

    public static RunDirectory Create(DemoWorkspace workspace, ManifestReadResult read, int portOffset, bool copyAll)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(read);
        if (portOffset == 0 && !copyAll)
        {
            return new RunDirectory(null, [], workspace.ReadPaths, 0);
        }

        var root = Directory.CreateTempSubdirectory("portico-demo-").FullName;
        var files = new Dictionary<string, RunFile>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var (source, runPath) in workspace.ManifestFiles())
        {
            var objects = read.Objects.Where(o => string.Equals(Path.GetFullPath(o.File), source, StringComparison.Ordinal))
                .Select(o => o.Object)
                .ToList();
            var shift = portOffset != 0 && objects.Any(o => o is Gateway);
            if (!shift && !copyAll)
            {
                paths.Add(source);
                continue;
            }

            // Copies are written from the model: comments and kinds Portico skips (the Deployment) are left out, so
            // the gateway does not warn about them again on every reload; the plan has reported them once.
            var file = new RunFile(source, Path.Combine(root, runPath), objects);
            files[source] = file;
            Directory.CreateDirectory(Path.GetDirectoryName(file.Target)!);
            file.WriteAll(portOffset);
            paths.Add(file.Target);
        }

        return new RunDirectory(root, files, copyAll ? [root] : paths, portOffset);
    }

    /// <summary>Rewrites the copy of <paramref name="source"/> without the objects <paramref name="drop"/> selects.</summary>
    public void RemoveObjects(string source, Func<KubeObject, bool> drop)
    {
        var file = _files[Path.GetFullPath(source)];
        TlsSecretPreparer.WriteAtomically(file.Target, Serialize(file.Source, file.Objects.Where(o => !drop(o)), _portOffset));
    }

    /// <summary>Writes the copy of <paramref name="source"/> as it was first written.</summary>
    public void Restore(string source) => _files[Path.GetFullPath(source)].WriteAll(_portOffset);

    public void Dispose()
    {
        if (DirectoryPath is not null && Directory.Exists(DirectoryPath))
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
    }

    private static string Serialize(string source, IEnumerable<KubeObject> objects, int portOffset)
    {
        var documents = new List<JsonNode?>();
        foreach (var kubeObject in objects)
        {
            var node = JsonSerializer.SerializeToNode(kubeObject, ModelJson.Indented.GetTypeInfo(kubeObject.GetType()))!.AsObject();

            // The reader filled these in; written back they would pin values the gateway should choose itself.
            if (node["metadata"] is JsonObject metadata)
            {
                metadata.Remove("generation");
                metadata.Remove("creationTimestamp");
            }

            if (kubeObject is Gateway && node["spec"]?["listeners"] is JsonArray listeners)
            {
                foreach (var listener in listeners.OfType<JsonObject>())
                {
                    listener["port"] = listener["port"]!.GetValue<int>() + portOffset;
                }
            }

            documents.Add(node);
        }

        var header = string.Create(CultureInfo.InvariantCulture,
            $"# Written by portico demo from {source} (Gateway listener ports + {portOffset}, --port-offset).\n");
        return header + YamlDocumentWriter.WriteAll(documents);
    }

    private sealed record RunFile(string Source, string Target, IReadOnlyList<KubeObject> Objects)
    {
        public void WriteAll(int portOffset) => TlsSecretPreparer.WriteAtomically(Target, Serialize(Source, Objects, portOffset));
    }
}

using System.Runtime.CompilerServices;
using Portico.Model.Meta;
using Portico.Model.Snapshot;

namespace Portico.Files.Reading;

/// <summary>
/// Objects read (in file order, then document order) and every diagnostic. Objects are there even when
/// <see cref="HasErrors"/>: a file with errors contributes nothing new (a <see cref="ManifestStore"/> keeps its last
/// good objects), other files contribute normally.
/// </summary>
public sealed record ManifestReadResult(IReadOnlyList<LoadedObject> Objects, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    public static ManifestReadResult Empty { get; } = new([], []);

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Files (as diagnostics name them) that had errors in this read, in reading order.</summary>
    public IReadOnlyList<string> FailingFiles { get; init; } = [];

    /// <summary>The objects alone, ready for <c>new ResourceSnapshot(...)</c>.</summary>
    public IReadOnlyList<KubeObject> KubeObjects
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change, over every object: optimized from the first change
        get
        {
            var objects = new KubeObject[Objects.Count];
            for (var i = 0; i < objects.Length; i++)
            {
                objects[i] = Objects[i].Object;
            }

            return objects;
        }
    }

    public ResourceSnapshot ToSnapshot() => new(KubeObjects);

    /// <summary>The snapshot plus every diagnostic as printed (<c>file:line:col: severity: field: message</c>).</summary>
    public ProviderUpdate ToProviderUpdate() => new(ToSnapshot(), [.. Diagnostics.Select(d => d.ToString())])
    {
        HasErrors = Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
    };
}

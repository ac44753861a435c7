using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Portico.Model.Snapshot;

namespace Portico.Files.Reading;

/// <summary>
/// Manifests read again and again (the file watcher's view), with Kubernetes-like bookkeeping across reads:
/// <list type="bullet">
/// <item><c>metadata.generation</c> starts at 1 and increases only when an object's spec (everything except
/// apiVersion, kind, metadata and status, as the model writes it, so spelling out a default is no change) changes;</item>
/// <item><c>creationTimestamp</c> is the time the object was first seen, unless the manifest gives one;</item>
/// <item>a file with any error keeps its last good objects (a warning says so) while other files update; it is
/// listed in <see cref="ManifestReadResult.FailingFiles"/>;</item>
/// <item>a file that disappears takes its objects with it, and an object that disappears is forgotten (seen again,
/// it starts over at generation 1 with a new creation time).</item>
/// </list>
/// Two objects with the same identity in different files: the first in reading order wins, the other is an error.
/// Reading again is incremental: documents whose text did not change are not parsed again (<see cref="DocumentCache"/>)
/// and objects whose document did not change keep their model object (no second deserialization), so an edit of one
/// object in a file of thousands costs about one document, whatever the file's size.
/// Reads are serialized; the store is safe to share between threads.
/// </summary>
public sealed class ManifestStore
{
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private Dictionary<string, IReadOnlyList<ParsedObject>> _lastGood = new(StringComparer.Ordinal);
    private Dictionary<ObjectKey, ObjectHistory> _history = [];
    private Dictionary<string, DocumentCache> _documents = new(StringComparer.Ordinal);

    /// <param name="clock">Stamps <c>creationTimestamp</c> on new objects that have none (whole seconds, UTC).</param>
    public ManifestStore(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>The result of the latest read (empty before the first).</summary>
    public ManifestReadResult Current { get; private set; } = ManifestReadResult.Empty;

    /// <summary>Reads every path again (files, or directories searched recursively) and returns the new state.</summary>
    public ManifestReadResult Reload(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        lock (_gate)
        {
            var diagnostics = new List<ManifestDiagnostic>();
            var sources = ManifestSources.Expand(paths, diagnostics);
            var outcomes = new List<FileOutcome>(sources.Count);
            foreach (var source in sources)
            {
                var text = ManifestFileReader.TryReadText(source, out var error);
                outcomes.Add(text is null ? new FileOutcome(source, [], [error!]) : ManifestFileReader.Read(source, text, _documents.GetValueOrDefault(source.Identity)));
            }

            return Apply(outcomes, diagnostics);
        }
    }

    /// <summary>Reads in-memory texts as if they were the named files (the complete set of files, like <see cref="Reload"/>).</summary>
    public ManifestReadResult ReloadTexts(IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        lock (_gate)
        {
            var outcomes = new List<FileOutcome>();
            foreach (var (name, text) in files)
            {
                outcomes.Add(ManifestFileReader.Read(new ManifestSource(name, name), text ?? string.Empty, _documents.GetValueOrDefault(name)));
            }

            outcomes.Sort(static (a, b) => string.CompareOrdinal(a.Source.Identity, b.Source.Identity));
            return Apply(outcomes, []);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per change: optimized now, not after ~30 changes in tier 0
    private ManifestReadResult Apply(List<FileOutcome> outcomes, List<ManifestDiagnostic> diagnostics)
    {
        var lastGood = new Dictionary<string, IReadOnlyList<ParsedObject>>(StringComparer.Ordinal);
        var documents = new Dictionary<string, DocumentCache>(StringComparer.Ordinal);
        var failing = new List<string>();
        var candidates = new List<ParsedObject>();
        foreach (var outcome in outcomes)
        {
            var identity = outcome.Source.Identity;
            diagnostics.AddRange(outcome.Diagnostics);

            // A file read whole (a YAML error, or a stream that cannot be split) keeps the cache of its last split read:
            // the cache carries its own text, so the next read compares against that.
            if ((outcome.Cache ?? _documents.GetValueOrDefault(identity)) is { } cache)
            {
                documents[identity] = cache;
            }

            IReadOnlyList<ParsedObject> objects = outcome.Objects;
            if (outcome.Failed)
            {
                failing.Add(outcome.Source.DisplayPath);
                if (!_lastGood.TryGetValue(identity, out var kept))
                {
                    continue;
                }

                objects = kept;
                if (kept.Count > 0)
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Warning, outcome.Source.DisplayPath, null, null, null,
                        $"keeping the {kept.Count} object(s) of the last good read of this file until its errors are fixed"));
                }
            }

            lastGood[identity] = objects;
            candidates.AddRange(objects);
        }

        // Files no longer listed are gone, with their objects.
        _lastGood = lastGood;
        _documents = documents;

        // The new history doubles as the set of winners: an object whose key it already holds is a duplicate.
        var loaded = new List<LoadedObject>(candidates.Count);
        var history = new Dictionary<ObjectKey, ObjectHistory>(candidates.Count);
        var now = TruncateToSeconds(_clock.GetUtcNow());
        foreach (var parsed in candidates)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(history, parsed.Key, out var taken);
            if (taken)
            {
                diagnostics.Add(ManifestFileReader.DuplicateError(parsed, slot!.Loaded.File, slot.Loaded.Line));
                continue;
            }

            var previous = _history.GetValueOrDefault(parsed.Key);

            // The same parsed document as last time (cached text, or a failing file's kept objects): same spec.
            var unchanged = previous is not null && ReferenceEquals(previous.Node, parsed.Node);
            var generation = parsed.GivenGeneration ??
                (previous is null ? 1 : unchanged || JsonNode.DeepEquals(previous.Spec, parsed.Spec) ? previous.Generation : previous.Generation + 1);
            var created = parsed.GivenCreationTimestamp ?? previous?.CreationTimestamp ?? now;

            // Materializing is a deserialization per object; an unchanged object with the same stamps is the same object,
            // and at the same place the same history (most objects of a large file, when one document of it was edited).
            ObjectHistory entry;
            if (unchanged && previous!.Generation == generation && previous.CreationTimestamp == created)
            {
                entry = previous.Loaded.Line == parsed.Line && string.Equals(previous.Loaded.File, parsed.File, StringComparison.Ordinal)
                    ? previous
                    : previous with { Loaded = new LoadedObject(previous.Loaded.Object, parsed.File, parsed.Line) };
            }
            else
            {
                var materialized = parsed.Materialize(generation, created);
                entry = new ObjectHistory(generation, parsed.Spec, created, parsed.Node, new LoadedObject(materialized, parsed.File, parsed.Line));
            }

            slot = entry;
            loaded.Add(entry.Loaded);
        }

        _history = history;
        Current = new ManifestReadResult(loaded, Order(diagnostics, outcomes)) { FailingFiles = failing };
        return Current;
    }

    // Stable: path-level problems first, then by file in reading order, then by position.
    private static List<ManifestDiagnostic> Order(List<ManifestDiagnostic> diagnostics, List<FileOutcome> outcomes)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            rank.TryAdd(outcome.Source.DisplayPath, rank.Count);
        }

        return [.. diagnostics.OrderBy(d => rank.GetValueOrDefault(d.File, -1)).ThenBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0)];
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

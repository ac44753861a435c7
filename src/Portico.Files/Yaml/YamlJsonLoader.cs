using System.Text.Json.Nodes;
using Portico.Files.Reading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portico.Files.Yaml;

/// <summary>
/// Loads a YAML stream into JSON trees with YamlDotNet's event parser, recording the position of every field.
/// Anchors and aliases are expanded (the alias repeats the anchored tree, and its fields point at the anchor's text);
/// YAML 1.1 merge keys (<c>&lt;&lt;</c>) are honoured because Kubernetes tooling accepts them. Duplicate keys,
/// non-scalar keys, unknown aliases and unsupported tags are errors. A syntax error stops the stream: documents
/// before it are returned, the rest are not.
/// </summary>
internal sealed class YamlJsonLoader
{
    /// <summary>Deeper trees are rejected rather than risking the stack.</summary>
    internal const int MaxDepth = 200;

    /// <summary>Caps alias expansion ("billion laughs"); no real manifest comes near it.</summary>
    internal const long MaxNodes = 1_000_000;

    private const string MergeKey = "<<";
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";
    private const string MapTag = "tag:yaml.org,2002:map";
    private const string SeqTag = "tag:yaml.org,2002:seq";

    private readonly IParser _parser;
    private readonly string _text;
    private readonly string _file;
    private readonly List<ManifestDiagnostic> _diagnostics = [];
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private SourceMap _map = new();
    private long _nodes;
    private bool _documentHasErrors;

    private YamlJsonLoader(string text, string file)
    {
        _parser = new Parser(new StringReader(text));
        _text = text;
        _file = file;
    }

    public static YamlLoadResult Load(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var loader = new YamlJsonLoader(text, file);
        var documents = loader.LoadStream();
        return new YamlLoadResult(documents, loader._diagnostics);
    }

    private List<YamlJsonDocument> LoadStream()
    {
        var documents = new List<YamlJsonDocument>();
        var last = new SourcePosition(1, 1);
        try
        {
            Next(); // StreamStart
            while (Next() && _parser.Current is DocumentStart)
            {
                Next();
                _map = new SourceMap();
                _anchors.Clear();
                _nodes = 0;
                _documentHasErrors = false;
                var position = SourcePosition.From(_parser.Current!.Start);
                var root = ReadNode(FieldPath.Root, position, depth: 0);
                last = SourcePosition.From(_parser.Current!.Start);
                documents.Add(new YamlJsonDocument(root, _map, position, _documentHasErrors));

                // The parser now stands on DocumentEnd; the loop's Next() moves past it.
            }
        }
        catch (YamlException e)
        {
            var at = SourcePosition.From(e.Start);
            if (e.Message.Contains(" tab ", StringComparison.Ordinal))
            {
                // YamlDotNet points at the enclosing mapping; the offending tab is more useful.
                at = FirstTabIndentation() ?? at;
            }

            Error(at, null, "invalid YAML: " + Sentence(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet throws these on some malformed input (an unclosed flow collection); bad input must not crash.
            var at = _parser.Current is { } current ? SourcePosition.From(current.End) : last;
            Error(at, null, "invalid YAML: the parser could not continue here (unbalanced brackets or quotes?)");
        }

        return documents;
    }

    private bool Next() => _parser.MoveNext();

    private SourcePosition? FirstTabIndentation()
    {
        var lines = _text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            for (var j = 0; j < line.Length && line[j] is ' ' or '\t'; j++)
            {
                if (line[j] == '\t' && j < line.Length - 1 && line.AsSpan(j).TrimStart(" \t").Length > 0)
                {
                    return new SourcePosition(i + 1, j + 1);
                }
            }
        }

        return null;
    }

    private JsonNode? ReadNode(string path, SourcePosition keyPosition, int depth)
    {
        var current = _parser.Current!;
        var position = SourcePosition.From(current.Start);
        _map.Set(path, keyPosition, position);
        if (depth > MaxDepth)
        {
            Error(position, path, $"nesting deeper than {MaxDepth} levels");
            _parser.SkipThisAndNestedEvents();
            return null;
        }

        var before = _nodes;
        _nodes++;
        JsonNode? node;
        switch (current)
        {
            case AnchorAlias alias:
                Next();
                return ReadAlias(alias, path, position);
            case Scalar scalar:
                Next();
                node = ReadScalar(scalar, path, position);
                break;
            case SequenceStart sequence:
                CheckCollectionTag(sequence, SeqTag, path, position);
                Next();
                node = ReadSequence(path, depth);
                break;
            case MappingStart mapping:
                CheckCollectionTag(mapping, MapTag, path, position);
                Next();
                node = ReadMapping(path, depth);
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = new Anchored(node, path, _nodes - before);
        }

        return node;
    }

    private JsonNode? ReadAlias(AnchorAlias alias, string path, SourcePosition position)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            Error(position, path, $"unknown alias *{alias.Value.Value}");
            return null;
        }

        _nodes += anchored.Size;
        if (_nodes > MaxNodes)
        {
            // Reported once per document; later aliases are dropped silently as the document is already failed.
            if (!_documentHasErrors)
            {
                Error(position, path, $"the document expands to more than {MaxNodes} nodes (aliases repeating aliases?)");
            }

            return null;
        }

        _map.CopySubtree(anchored.Path, path);
        return anchored.Node?.DeepClone();
    }

    private JsonNode? ReadScalar(Scalar scalar, string path, SourcePosition position)
    {
        var tag = scalar.Tag;
        if (tag.IsEmpty)
        {
            if (scalar.Style != ScalarStyle.Plain)
            {
                return JsonValue.Create(scalar.Value);
            }

            if (YamlScalars.TryResolvePlain(scalar.Value, out var value, out var error))
            {
                return value;
            }

            Error(position, path, error!);
            return null;
        }

        // "!" is the non-specific tag of a quoted scalar: a string.
        if (tag.IsNonSpecific || tag.Value == StrTag)
        {
            return JsonValue.Create(scalar.Value);
        }

        var text = scalar.Value;
        switch (tag.Value)
        {
            case NullTag when YamlScalars.IsNull(text):
                return null;
            case BoolTag when YamlScalars.TryParseBool(text, out var flag):
                return JsonValue.Create(flag);
            case IntTag when YamlScalars.TryParseInteger(text, out var integer):
                return integer;
            case FloatTag when YamlScalars.TryParseFloat(text, out var number, out _) && double.IsFinite(number):
                return JsonValue.Create(number);
            case NullTag or BoolTag or IntTag or FloatTag:
                Error(position, path, $"\"{text}\" is not a valid !!{tag.Value[(tag.Value.LastIndexOf(':') + 1)..]}");
                return null;
            default:
                Error(position, path, $"unsupported tag {tag.Value}");
                return null;
        }
    }

    private void CheckCollectionTag(NodeEvent start, string expected, string path, SourcePosition position)
    {
        if (!start.Tag.IsEmpty && !start.Tag.IsNonSpecific && start.Tag.Value != expected)
        {
            Error(position, path, $"unsupported tag {start.Tag.Value}");
        }
    }

    private JsonArray ReadSequence(string path, int depth)
    {
        var array = new JsonArray();
        while (_parser.Current is not SequenceEnd)
        {
            var itemPath = FieldPath.Item(path, array.Count);
            var item = ReadNode(itemPath, SourcePosition.From(_parser.Current!.Start), depth + 1);
            array.Add(item);
        }

        Next();
        return array;
    }

    private JsonObject ReadMapping(string path, int depth)
    {
        var map = new JsonObject();
        var keyPositions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        List<(JsonNode? Value, string Path, SourcePosition Position)>? merges = null;
        while (_parser.Current is not MappingEnd)
        {
            var keyEvent = _parser.Current!;
            var keyPosition = SourcePosition.From(keyEvent.Start);
            if (keyEvent is not Scalar key)
            {
                Error(keyPosition, path, "mapping keys must be strings, not lists, mappings or aliases");
                _parser.SkipThisAndNestedEvents();
                _parser.SkipThisAndNestedEvents();
                continue;
            }

            Next();
            if (key.Value == MergeKey && key.Style == ScalarStyle.Plain && key.Tag.IsEmpty)
            {
                // Read where it stands (positions under path['<<']); applied after the explicit keys, which win.
                var mergePath = FieldPath.Property(path, MergeKey);
                merges ??= [];
                merges.Add((ReadNode(mergePath, keyPosition, depth + 1), mergePath, keyPosition));
                continue;
            }

            var valuePath = FieldPath.Property(path, key.Value);
            if (keyPositions.TryGetValue(key.Value, out var first))
            {
                Error(keyPosition, valuePath, $"duplicate key \"{key.Value}\" (first at line {first.Line})");
                _parser.SkipThisAndNestedEvents();
                continue;
            }

            keyPositions[key.Value] = keyPosition;
            map[key.Value] = ReadNode(valuePath, keyPosition, depth + 1);
        }

        Next();
        if (merges is not null)
        {
            foreach (var (value, mergePath, position) in merges)
            {
                Merge(map, path, value, mergePath, position);
            }
        }

        return map;
    }

    // A YAML 1.1 merge: keys of the merged mapping(s) that the target does not have yet. In a list, earlier mappings win.
    private void Merge(JsonObject target, string targetPath, JsonNode? value, string mergePath, SourcePosition position)
    {
        var sources = new List<(JsonObject Map, string Path)>();
        if (value is JsonObject single)
        {
            sources.Add((single, mergePath));
        }
        else if (value is JsonArray list && list.All(item => item is JsonObject))
        {
            for (var i = 0; i < list.Count; i++)
            {
                sources.Add(((JsonObject)list[i]!, FieldPath.Item(mergePath, i)));
            }
        }
        else
        {
            Error(position, targetPath, "a merge key (<<) needs a mapping or a list of mappings");
            return;
        }

        foreach (var (source, sourcePath) in sources)
        {
            foreach (var (name, item) in source)
            {
                if (target.ContainsKey(name))
                {
                    continue;
                }

                var namePath = FieldPath.Property(targetPath, name);
                var fromPath = FieldPath.Property(sourcePath, name);
                if (_map.TryGet(fromPath, out var entry))
                {
                    _map.Set(namePath, entry.Key, entry.Value);
                }

                _map.CopySubtree(fromPath, namePath);
                target[name] = item?.DeepClone();
            }
        }
    }

    private void Error(SourcePosition position, string? path, string message)
    {
        _documentHasErrors = true;
        _diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, _file, position.Line, position.Column,
            string.IsNullOrEmpty(path) ? null : path, message));
    }

    // YamlDotNet messages read "While scanning ..., found ...": lower-case the first letter and drop the final dot.
    private static string Sentence(string message)
    {
        var text = message.Trim().TrimEnd('.');
        return text.Length > 0 && char.IsUpper(text[0]) && !(text.Length > 1 && char.IsUpper(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    private sealed record Anchored(JsonNode? Node, string Path, long Size);
}

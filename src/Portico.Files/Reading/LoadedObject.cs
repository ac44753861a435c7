using Portico.Model.Meta;

namespace Portico.Files.Reading;

/// <summary>An object read from a manifest, with where it came from (file and line of its document).</summary>
public sealed record LoadedObject(KubeObject Object, string File, int Line);

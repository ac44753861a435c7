namespace Portico.Files.Reading;

/// <summary>
/// A manifest file: <see cref="DisplayPath"/> is how diagnostics name it (as the user spelled the path),
/// <see cref="Identity"/> is what makes two spellings the same file (the full path; the given name for in-memory text).
/// </summary>
internal sealed record ManifestSource(string DisplayPath, string Identity);

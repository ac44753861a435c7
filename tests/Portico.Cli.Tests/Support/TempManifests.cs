namespace Portico.Cli.Tests.Support;

/// <summary>A temporary directory of manifest files, deleted on dispose.</summary>
internal sealed class TempManifests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("portico-cli-tests-");

    public string Path => _directory.FullName;

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> inside the directory and returns its full path.</summary>
    public string Add(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

namespace Portico.Demo.Tests.Support;

/// <summary>
/// A private copy of examples/walkthrough as committed (without a developer's generated/ directory), so tests
/// generate their own certificates and may edit manifests; deleted on dispose.
/// </summary>
internal sealed class WalkthroughCopy : IDisposable
{
    private WalkthroughCopy(string path) => Path = path;

    public string Path { get; }

    public string Generated => System.IO.Path.Combine(Path, "generated");

    public static WalkthroughCopy Create()
    {
        var target = Directory.CreateTempSubdirectory("portico-demo-test-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryRoot.Walkthrough))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return new WalkthroughCopy(target);
    }

    public string Read(string name) => File.ReadAllText(System.IO.Path.Combine(Path, name));

    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

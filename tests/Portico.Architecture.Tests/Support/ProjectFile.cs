using System.Xml.Linq;

namespace Portico.Architecture.Tests.Support;

/// <summary>What a csproj says about its dependencies: the projects and the packages it references.</summary>
internal sealed record ProjectFile(string Name, string Directory, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences)
{
    /// <summary>Every <c>src/*/*.csproj</c>, by project name (the file name without extension).</summary>
    public static IReadOnlyList<ProjectFile> LoadSources(string repositoryRoot)
    {
        var src = System.IO.Path.Combine(repositoryRoot, "src");
        return System.IO.Directory.GetDirectories(src)
            .SelectMany(dir => System.IO.Directory.GetFiles(dir, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();
    }

    public static ProjectFile Load(string path)
    {
        var xml = XDocument.Load(path);

        // Include paths use '\' by MSBuild convention; the referenced project's name is the file name either way.
        var projects = xml.Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .Select(include => System.IO.Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();
        var packages = xml.Descendants("PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? (string?)e.Attribute("Update") ?? string.Empty)
            .ToList();
        return new ProjectFile(System.IO.Path.GetFileNameWithoutExtension(path), System.IO.Path.GetDirectoryName(path)!, projects, packages);
    }
}

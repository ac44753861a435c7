using Portico.Architecture.Tests.Support;

namespace Portico.Architecture.Tests;

/// <summary>Keeps the project graph to ARCHITECTURE.md's table ("Projects and the direction of dependencies").</summary>
public sealed class LayerDependencyTests
{
    private static readonly IReadOnlyList<ProjectFile> Sources = ProjectFile.LoadSources(RepositoryRoot.Path);

    [Fact]
    public void FindsTheSourceProjects()
    {
        // Guards the other tests against passing vacuously because nothing was read.
        var names = Sources.Select(p => p.Name).ToList();
        Assert.Contains("Portico.Model", names);
        Assert.Contains("Portico.Routing", names);
        Assert.Contains("Portico.Translation", names);
        Assert.Contains("Portico.Cli", names);
        Assert.Contains(Sources, p => p.ProjectReferences.Count > 0);
    }

    [Fact]
    public void EveryProjectReferenceIsAnEdgeOfTheLayersTable()
    {
        Assert.Empty(LayerRules.Violations(Sources));
    }

    [Fact]
    public void LayerZeroProjectsReferenceNoPackages()
    {
        foreach (var name in LayerRules.BclOnly)
        {
            var project = Assert.Single(Sources, p => p.Name == name);
            Assert.True(project.PackageReferences.Count == 0, $"{name} references packages: {string.Join(", ", project.PackageReferences)}");
        }
    }

    [Fact]
    public void RoutingSourceNeverMentionsTheModel()
    {
        var routing = Assert.Single(Sources, p => p.Name == "Portico.Routing");
        var sources = Directory.EnumerateFiles(routing.Directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(routing.Directory, f))
            .ToList();
        Assert.NotEmpty(sources);

        var offenders = sources.Where(f => File.ReadAllText(f).Contains("Portico.Model", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Violations_ReportsAForbiddenEdgeAndAnUnknownProject()
    {
        // The rule itself must be able to fail: Routing -> Model is the edge the layering exists to prevent.
        var projects = new[]
        {
            new ProjectFile("Portico.Routing", "", ["Portico.Model"], []),
            new ProjectFile("Portico.Files", "", ["Portico.Model"], ["YamlDotNet"]),
            new ProjectFile("Portico.Cli", "", ["Portico.Model", "Portico.Files", "Portico.Translation"], []),
            new ProjectFile("Portico.Extra", "", [], []),
        };

        Assert.Equal(
            [
                "Portico.Routing -> Portico.Model is not an allowed edge (allowed: none)",
                "Portico.Extra is not in ARCHITECTURE.md's layers table",
            ],
            LayerRules.Violations(projects));
    }

    [Fact]
    public void Load_ReadsProjectAndPackageReferences()
    {
        var files = Directory.CreateTempSubdirectory("portico-arch-");
        try
        {
            var path = Path.Combine(files.FullName, "Sample.csproj");
            File.WriteAllText(path, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <ItemGroup>
                    <ProjectReference Include="..\Portico.Model\Portico.Model.csproj" />
                    <ProjectReference Include="../Portico.Routing/Portico.Routing.csproj" />
                    <PackageReference Include="YamlDotNet" />
                  </ItemGroup>
                </Project>
                """);

            var project = ProjectFile.Load(path);

            Assert.Equal("Sample", project.Name);
            Assert.Equal(["Portico.Model", "Portico.Routing"], project.ProjectReferences);
            Assert.Equal(["YamlDotNet"], project.PackageReferences);
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    private static bool IsBuildOutput(string projectDirectory, string file)
    {
        var relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }
}

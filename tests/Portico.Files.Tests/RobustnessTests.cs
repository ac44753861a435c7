using Portico.Files.Reading;
using Portico.Files.Tests.Support;

namespace Portico.Files.Tests;

/// <summary>Bad input of any shape gives diagnostics, never an exception.</summary>
public sealed class RobustnessTests
{
    private static readonly ManifestReader Reader = new(new ManualClock());

    [Fact]
    public void MutatedManifestsNeverThrow()
    {
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Manifests"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText).ToArray();
        const string noise = ":-[]{}#&*!|>'\"%@` \t\n,?~.0x";
        var random = new Random(7);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1500; i++)
        {
            var text = samples[random.Next(samples.Length)].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, noise[random.Next(noise.Length)]); break;
                    default: text[at] = noise[random.Next(noise.Length)]; break;
                }
            }

            var result = Reader.ReadText(new string([.. text]), "fuzz.yaml");

            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            Assert.All(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.NotNull(d.Line));
            outcomes.Add(result.HasErrors ? "error" : result.Objects.Count == 1 ? "object" : "other");
        }

        // The mutations hit both sides: some still read, some fail.
        Assert.Contains("error", outcomes);
        Assert.Contains("object", outcomes);
    }

    [Fact]
    public void ExplicitJsonFileReads()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("ns.json", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "from-json"}}""");
        dir.Write("ignored.json", "{}");

        Assert.Equal("from-json", Assert.Single(Reader.Read([file]).Objects).Object.Name);
        Assert.Empty(Reader.Read([dir.Path]).Objects);
    }

    [Fact]
    public void BinaryGarbageIsAnError()
    {
        var result = Reader.ReadText("\u0000\u0001\u0002apiVersion: v1\n\u00ff", "bin.yaml");

        Assert.True(result.HasErrors);
        Assert.Empty(result.Objects);
    }
}

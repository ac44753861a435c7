using System.Globalization;
using System.Text.RegularExpressions;

namespace Portico.Demo.Tests.Support;

/// <summary>
/// A private copy of examples/walkthrough as committed (without a developer's generated/ directory), so tests
/// generate their own certificates and may edit manifests; deleted on dispose. The sample instances' ports
/// (EndpointSlice ports and Service targetPorts, 50051-50070 in the walkthrough) are moved up by
/// <see cref="SamplePortShift"/>: the walkthrough's ports lie in Linux's ephemeral range (32768-60999), where a server
/// on port 0 in another test assembly running alongside (a fixture backend that lives for a whole test class) may hold
/// one for longer than the demo's bind retries wait. 61051-61070 are outside that range.
/// </summary>
internal sealed class WalkthroughCopy : IDisposable
{
    private WalkthroughCopy(string path) => Path = path;

    /// <summary>How far the sample ports of the copy are moved from the walkthrough's.</summary>
    public const int SamplePortShift = 11000;

    public string Path { get; }

    public string Generated => System.IO.Path.Combine(Path, "generated");

    public static WalkthroughCopy Create()
    {
        var target = Directory.CreateTempSubdirectory("portico-demo-test-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryRoot.Walkthrough))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        ShiftSamplePorts(System.IO.Path.Combine(target, "20-services.yaml"), "targetPort");
        ShiftSamplePorts(System.IO.Path.Combine(target, "21-endpointslices.yaml"), "port");

        return new WalkthroughCopy(target);
    }

    private static void ShiftSamplePorts(string file, string key)
    {
        var text = File.ReadAllText(file);
        var shifted = Regex.Replace(text, $@"(?m)^(\s*(?:- )?{key}: )(50[01]\d\d)\s*$",
            m => m.Groups[1].Value + (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + SamplePortShift).ToString(CultureInfo.InvariantCulture));
        if (shifted == text)
        {
            throw new InvalidOperationException($"no {key} to move in {file}: has the walkthrough changed?");
        }

        File.WriteAllText(file, shifted);
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

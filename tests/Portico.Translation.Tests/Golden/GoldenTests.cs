using System.Text;
using Portico.Files.Reading;
using Portico.Files.Yaml;
using Portico.Model.Snapshot;
using Portico.Translation.Output;

namespace Portico.Translation.Tests.Golden;

/// <summary>
/// Golden cases (ARCHITECTURE.md, habit 4): <c>testdata/&lt;area&gt;/&lt;case&gt;.in.yaml</c> is read, translated, and the
/// document <c>portico translate</c> prints (status + IR) must equal <c>&lt;case&gt;.out.yaml</c>.
/// Regenerate with <c>PORTICO_UPDATE_GOLDEN=1 dotnet test tests/Portico.Translation.Tests</c> and review the diff
/// against the expectations written in each input's header.
/// </summary>
public sealed class GoldenTests
{
    private const int MinimumCases = 80;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenCases.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void There_are_enough_cases()
    {
        var count = GoldenCases.Names().Count;
        Assert.True(count >= MinimumCases, $"expected at least {MinimumCases} golden cases under {GoldenCases.TestDataDirectory}, found {count}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translation_matches_golden_output(string name)
    {
        var input = GoldenCases.InputPath(name);
        var output = GoldenCases.OutputPath(name);

        var read = new ManifestReader(new FixedClock()).Read([input]);
        Assert.False(read.HasErrors, $"{name}: the input does not read cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, read.Diagnostics)}");

        var result = Translator.Translate(new ResourceSnapshot(read.Objects.Select(o => o.Object)));
        var actual = Normalize(YamlDocumentWriter.Write(TranslationDocument.ToJson(result)));

        if (GoldenCases.UpdateRequested)
        {
            if (!File.Exists(output) || Normalize(File.ReadAllText(output)) != actual)
            {
                File.WriteAllText(output, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            return;
        }

        Assert.True(
            File.Exists(output),
            $"{name}: {output} does not exist. Generate it with `{GoldenCases.UpdateVariable}=1 dotnet test tests/Portico.Translation.Tests` and review it against the expectations in the input's header.");

        var expected = Normalize(File.ReadAllText(output));
        if (expected != actual)
        {
            Assert.Fail(Describe(name, expected, actual));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Names the first differing line, with a little context, then both documents.</summary>
    private static string Describe(string name, string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && string.Equals(e[line], a[line], StringComparison.Ordinal))
        {
            line++;
        }

        var message = new StringBuilder();
        message.Append(name).Append(": output differs from ").Append(name).Append(GoldenCases.OutputSuffix)
            .Append(" at line ").Append(line + 1).AppendLine(".");
        for (var i = Math.Max(0, line - 3); i < line; i++)
        {
            message.Append("    ").AppendLine(e[i]);
        }

        message.Append("  - expected: ").AppendLine(line < e.Length ? e[line] : "<end of file>");
        message.Append("  + actual:   ").AppendLine(line < a.Length ? a[line] : "<end of file>");
        message.Append("If the change is intended, regenerate with ").Append(GoldenCases.UpdateVariable)
            .AppendLine("=1 and review the diff.");
        message.AppendLine("--- actual ---").Append(actual);
        return message.ToString();
    }
}

using System.Diagnostics;
using System.Text;
using Portico.Files.Reading;
using Portico.Files.Tests.Support;

namespace Portico.Files.Tests;

/// <summary>
/// Files are read into a pooled buffer and decoded once; the text must be exactly what <see cref="File.ReadAllText(string)"/>
/// gives (the reader's former way), byte order marks and invalid bytes included, for files of any size.
/// </summary>
public sealed class ManifestFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, byte[]> Contents() => new()
    {
        { "empty", [] },
        { "ascii", Encoding.UTF8.GetBytes("kind: Namespace\nmetadata:\n  name: a\n") },
        { "multi-byte", Encoding.UTF8.GetBytes("metadata:\n  name: é-日本-😀\n") },
        { "utf-8 mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("kind: Namespace\n")] },
        { "utf-8 mark alone", [0xEF, 0xBB, 0xBF] },
        { "mark-like bytes later", [.. Encoding.UTF8.GetBytes("a: 1\n"), 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("b: 2\n")] },
        { "invalid bytes", [.. Encoding.UTF8.GetBytes("a: "), 0xC3, 0x28, 0xFF, 0xE2, 0x82, .. Encoding.UTF8.GetBytes("\nb: 2"), 0xF0, 0x9F] },
        { "utf-16 LE", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("kind: Namespace\n")] },
        { "utf-16 BE", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("kind: Namespace\n")] },
        { "utf-32 LE", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("kind: Namespace\n")] },
        { "utf-32 BE", [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes("kind: Namespace\n")] },
        { "large", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 60_000).Select(i => $"---\nname: route-{i} # ü\n"))) },
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void ReadsWhatReadAllTextReads(string name, byte[] bytes)
    {
        var path = _dir.File(name + ".yaml");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(File.ReadAllText(path), ManifestFileReader.ReadText(path));
    }

    [Fact]
    public async Task ReadsAFileOfUnknownLengthToItsEnd()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo
        }

        // A pipe has no length in advance (as procfs files): the buffer grows until the writer closes.
        var fifo = _dir.File("pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"name: route-{i}\n"));
        var writer = Task.Run(() => File.WriteAllText(fifo, text));

        Assert.Equal(text, ManifestFileReader.ReadText(fifo));
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AMissingFileIsADiagnostic()
    {
        var source = new ManifestSource("gone.yaml", _dir.File("gone.yaml"));

        Assert.Null(ManifestFileReader.TryReadText(source, out var error));
        Assert.StartsWith("gone.yaml: error: cannot read file: ", error!.ToString(), StringComparison.Ordinal);
    }
}

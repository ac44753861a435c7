using System.Text;

namespace Portico.Files.Watching;

/// <summary>Names, sizes and modification times of every manifest file under the configured paths.</summary>
internal static class Fingerprint
{
    public static string Of(IEnumerable<string> paths)
    {
        var sb = new StringBuilder();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                Append(sb, new FileInfo(path));
            }
            else if (Directory.Exists(path))
            {
                try
                {
                    foreach (var f in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
                    {
                        if (f.Extension is ".yaml" or ".yml")
                        {
                            Append(sb, f);
                        }
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    sb.Append("unreadable:").Append(path).Append('\n');
                }
            }
            else
            {
                sb.Append("missing:").Append(path).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, FileInfo f)
    {
        try
        {
            sb.Append(f.FullName).Append('|').Append(f.Length).Append('|').Append(f.LastWriteTimeUtc.Ticks).Append('\n');
        }
        catch (IOException)
        {
            sb.Append(f.FullName).Append("|gone\n");
        }
    }
}

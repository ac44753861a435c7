namespace Portico.Cli.Dashboard;

/// <summary>Reads the dashboard's files, embedded as <c>dashboard/{file}</c> (see Portico.Cli.csproj).</summary>
internal static class DashboardAssets
{
    public static byte[] Read(string file)
    {
        var name = "dashboard/" + file;
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

namespace Portico.Testing.Tests;

public sealed class ManifestDirectoryTests
{
    [Fact]
    public void Writes_replaces_deletes_and_cleans_up()
    {
        string root;
        using (var directory = ManifestDirectory.Create())
        {
            root = directory.Path;
            var path = directory.Write("gateway.yaml", "a: 1\n");
            directory.Write("routes/r.yaml", new Manifests().GatewayClass());
            directory.Write("gateway.yaml", "a: 2\n");

            Assert.Equal("a: 2\n", File.ReadAllText(path));
            Assert.Equal(["gateway.yaml", Path.Combine("routes", "r.yaml")], directory.Files);
            Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
            Assert.True(directory.Delete("gateway.yaml"));
            Assert.False(directory.Delete("gateway.yaml"));
            Assert.Throws<ArgumentException>(() => directory.Write("../escape.yaml", "x: 1"));
        }

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task Readers_never_see_a_partial_file()
    {
        using var directory = ManifestDirectory.Create();
        var big = string.Concat(Enumerable.Repeat("key: value-value-value-value\n", 20_000));
        var path = directory.Write("big.yaml", big);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal(big.Length, File.ReadAllText(path).Length);
                reads++;
            }

            return reads;
        });
        while (!stop.IsCancellationRequested)
        {
            directory.Write("big.yaml", big);
        }

        Assert.True(await reader > 0);
    }
}

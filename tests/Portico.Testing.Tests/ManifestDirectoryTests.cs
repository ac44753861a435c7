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
        using var done = new CancellationTokenSource();

        // The reader runs on its own thread and reads a fixed number of times while the writer keeps replacing.
        var reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    for (var i = 0; i < 50; i++)
                    {
                        Assert.Equal(big.Length, File.ReadAllText(path).Length);
                    }
                }
                finally
                {
                    done.Cancel();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var writes = 0;
        while (!done.IsCancellationRequested)
        {
            directory.Write("big.yaml", big);
            writes++;
        }

        await reader;
        Assert.True(writes > 0);
    }
}

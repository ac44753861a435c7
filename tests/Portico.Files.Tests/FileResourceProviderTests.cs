using Portico.Files.Tests.Support;
using Portico.Files.Watching;
using Portico.Model.Snapshot;
using static Portico.Files.Tests.Support.Yaml;

namespace Portico.Files.Tests;

/// <summary>The provider on real files, with the poll too slow to matter: only file-system events deliver these edits.</summary>
public sealed class FileResourceProviderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task AFileMovedInIsRead()
    {
        _dir.Write("routes.yaml", Classes("first"));
        await Watch(["first"], ["first", "second"], () =>
        {
            var temp = Path.Combine(_outside.Path, "routes.yaml.tmp");
            File.WriteAllText(temp, Classes("first", "second"));
            File.Move(temp, _dir.File("routes.yaml"), overwrite: true);
        });
    }

    [Fact]
    public async Task AnInPlaceWriteIsRead()
    {
        _dir.Write("sub/routes.yaml", Classes("first"));
        await Watch(["first"], ["second", "third"], () => File.WriteAllText(_dir.File("sub/routes.yaml"), Classes("second", "third")));
    }

    [Fact]
    public async Task AFileInADirectoryMadeLaterIsRead()
    {
        _dir.Write("routes.yaml", Classes("first"));
        await Watch(["first"], ["first", "second"], () => _dir.Write("later/more.yaml", Classes("second")));
    }

    private async Task Watch(string[] before, string[] after, Action edit)
    {
        var provider = new FileResourceProvider([_dir.Path], TimeProvider.System, TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var updates = provider.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var pending = Task.FromResult(true);
        try
        {
            Assert.True(await updates.MoveNextAsync());
            Assert.Equal(before, Names(updates.Current));

            edit();
            do
            {
                pending = updates.MoveNextAsync().AsTask();
                Assert.True(await pending.WaitAsync(TimeSpan.FromSeconds(5)), "the provider ended");
            }
            while (!Names(updates.Current).SequenceEqual(after));
        }
        finally
        {
            await cts.CancelAsync();
            await pending.ContinueWith(_ => { }, TaskScheduler.Default);
            await updates.DisposeAsync();
        }
    }

    private static List<string> Names(ProviderUpdate update) => [.. update.Snapshot.GatewayClasses.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal)];

    private static string Classes(params string[] names) => string.Concat(names.Select(n => Lines(
        "---",
        "apiVersion: gateway.networking.k8s.io/v1",
        "kind: GatewayClass",
        "metadata:",
        "  name: " + n,
        "spec:",
        "  controllerName: portico.dev/gateway-controller")));
}

using System.Diagnostics;
using Portico.Files.Watching;
using Portico.Testing;
using Xunit.Abstractions;

namespace Portico.EndToEnd.Tests.Lifecycle;

/// <summary>The file provider under the gateway: an edit is noticed by file-system events, whenever it happens.</summary>
public sealed class FileWatchingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnEditRightAfterTheFirstReadIsSeenWithoutWaitingForThePoll()
    {
        using var dir = ManifestDirectory.Create();
        dir.Write("sub/class.yaml", new Manifests().GatewayClass("first"));

        // The poll is the safety net; make it too slow to matter so that only events can deliver the edit in time.
        var provider = new FileResourceProvider([dir.Path], TimeProvider.System, TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var updates = provider.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var pending = Task.FromResult(true);
        try
        {
            Assert.True(await updates.MoveNextAsync());
            Assert.Equal("first", updates.Current.Snapshot.GatewayClasses.Single().Metadata.Name);

            // Edited before the consumer asks for the next update (the control loop may be busy applying the first).
            dir.Write("sub/class.yaml", new Manifests().GatewayClass("second"));
            var watch = Stopwatch.StartNew();
            do
            {
                pending = updates.MoveNextAsync().AsTask();
                Assert.True(await pending.WaitAsync(TimeSpan.FromSeconds(5)), "the provider ended");
            }
            while (updates.Current.Snapshot.GatewayClasses.Single().Metadata.Name != "second");

            output.WriteLine($"the edit arrived after {watch.ElapsedMilliseconds} ms");
        }
        finally
        {
            await cts.CancelAsync();
            await pending.ContinueWith(_ => { }, TaskScheduler.Default);
            await updates.DisposeAsync();
        }
    }

    [Fact]
    public async Task ANewFileIsReadOnlyOnceItsContentHasLanded()
    {
        using var dir = ManifestDirectory.Create();
        dir.Write("class.yaml", new Manifests().GatewayClass("first"));
        var provider = new FileResourceProvider([dir.Path], TimeProvider.System, TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var updates = provider.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var pending = Task.FromResult(true);
        try
        {
            Assert.True(await updates.MoveNextAsync());

            // As `cp` or `cat a.yaml b.yaml > new.yaml` do: the file appears empty (a valid manifest of no objects), its
            // content lands a moment later. Reading on the create event would apply the empty file first.
            var path = dir.PathOf("routes.yaml");
            var content = new Manifests().GatewayClass("second").GatewayClass("third").ToYaml();
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                await Task.Delay(10); // well inside the 100 ms settle time, even on a loaded machine
                await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content));
            }

            pending = updates.MoveNextAsync().AsTask();
            Assert.True(await pending.WaitAsync(TimeSpan.FromSeconds(5)), "the provider ended");
            var names = updates.Current.Snapshot.GatewayClasses.Select(c => c.Metadata.Name).Order().ToList();
            Assert.Equal(["first", "second", "third"], names);
        }
        finally
        {
            await cts.CancelAsync();
            await pending.ContinueWith(_ => { }, TaskScheduler.Default);
            await updates.DisposeAsync();
        }
    }
}

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
}

using Portico.Model.Snapshot;
using Portico.Translation;

namespace Portico.Benchmarks;

/// <summary>Fails the benchmark setup when a generated snapshot does not translate into the table it should.</summary>
internal static class SnapshotCheck
{
    public static void RequireEverythingProgrammed(ResourceSnapshot snapshot, int expectedListeners, int expectedGrpcEntries)
    {
        var table = Translator.Translate(snapshot).Table;
        var entries = table.Listeners.Sum(l => l.VirtualHosts.Sum(v => v.GrpcRoutes.Count));
        if (table.Listeners.Count != expectedListeners || entries != expectedGrpcEntries)
        {
            throw new InvalidOperationException(
                $"generated snapshot translated to {table.Listeners.Count} listeners and {entries} GRPCRoute entries; " +
                $"expected {expectedListeners} and {expectedGrpcEntries}");
        }
    }
}

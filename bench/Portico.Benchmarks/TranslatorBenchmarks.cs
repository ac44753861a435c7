using BenchmarkDotNet.Attributes;
using Portico.Model.Snapshot;
using Portico.Translation;

namespace Portico.Benchmarks;

/// <summary>
/// <see cref="Translator.Translate"/> on large snapshots. Target: under 500 ms each on the 2-core reference machine,
/// so a control plane can retranslate on every change without a noticeable delay.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class TranslatorBenchmarks
{
    private ResourceSnapshot _manyRoutes = ResourceSnapshot.Empty;
    private ResourceSnapshot _manyGateways = ResourceSnapshot.Empty;
    private ResourceSnapshot _oneRouteEdited = ResourceSnapshot.Empty;
    private TranslationMemo? _memo;
    private readonly TranslatorOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        // Snapshot building is setup, not measured: a provider builds it once per change before translating.
        _manyRoutes = Snapshots.ManyRoutesOneGateway(routes: 5_000);
        _manyGateways = Snapshots.ManyGateways(gateways: 500, routesPerGateway: 10);

        // Measure the path real configurations take: a snapshot the translator rejects would time the error path.
        SnapshotCheck.RequireEverythingProgrammed(_manyRoutes, expectedListeners: 1, expectedGrpcEntries: 5_000);
        SnapshotCheck.RequireEverythingProgrammed(_manyGateways, expectedListeners: 500, expectedGrpcEntries: 5_000);

        // A control loop's edit: the same snapshot with one route replaced by a new object (another method), translated
        // with the memo of the translation before it.
        _memo = Translator.TranslateIncrementally(_manyRoutes, _options, null).Memo;
        _oneRouteEdited = Snapshots.WithRouteReplaced(_manyRoutes, index: 2_500);
    }

    [Benchmark(Description = "5,000 GRPCRoutes on one Gateway")]
    public TranslationResult TranslateManyRoutes() => Translator.Translate(_manyRoutes);

    [Benchmark(Description = "5,000 GRPCRoutes, one edited, incremental")]
    public TranslationResult TranslateOneRouteEdited() => Translator.TranslateIncrementally(_oneRouteEdited, _options, _memo);

    [Benchmark(Description = "500 Gateways x 10 GRPCRoutes")]
    public TranslationResult TranslateManyGateways() => Translator.Translate(_manyGateways);
}

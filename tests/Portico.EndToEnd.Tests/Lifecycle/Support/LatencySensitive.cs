namespace Portico.EndToEnd.Tests.Lifecycle.Support;

/// <summary>
/// Tests that measure time or drive sustained load run alone, after the parallel ones, so that other tests on a
/// small machine neither slow them nor get slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencySensitive
{
    public const string Name = "Lifecycle (latency-sensitive)";
}

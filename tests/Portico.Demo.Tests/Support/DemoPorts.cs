namespace Portico.Demo.Tests.Support;

/// <summary>
/// Tests that start the walkthrough share its fixed sample ports (127.0.0.1:50051, 50062-50070, from the
/// EndpointSlices), so they run one at a time in this collection. Listener ports are shifted by
/// <see cref="Offset"/> (443 → 10443, 80 → 10080): unprivileged, and below the 20000-32000 range the other test
/// projects' FreePorts hand out, so parallel test assemblies do not collide with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoPorts
{
    public const string Name = "walkthrough ports";

    public const int Offset = 10000;

    public const string OffsetText = "10000";
}

namespace Portico.Ops.Tests;

/// <summary>The tests that share one running gateway (<see cref="GatewayFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

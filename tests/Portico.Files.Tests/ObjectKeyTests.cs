using Portico.Files.Reading;

namespace Portico.Files.Tests;

/// <summary>The key's hash is computed once; equality must still be ordinal over all four parts, whatever the string instances.</summary>
public sealed class ObjectKeyTests
{
    private static ObjectKey Key(string group, string kind, string ns, string name) =>
        new(new string(group.AsSpan()), new string(kind.AsSpan()), new string(ns.AsSpan()), new string(name.AsSpan()));

    [Fact]
    public void EqualPartsInOtherStringsAreTheSameKey()
    {
        var a = Key("gateway.networking.k8s.io", "HTTPRoute", "default", "r");
        var b = Key("gateway.networking.k8s.io", "HTTPRoute", "default", "r");

        Assert.NotSame(a.Name, b.Name);
        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var set = new HashSet<ObjectKey> { a };
        Assert.Contains(b, set);
    }

    [Theory]
    [InlineData("other.io", "HTTPRoute", "default", "r")]
    [InlineData("gateway.networking.k8s.io", "GRPCRoute", "default", "r")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute", "", "r")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute", "default", "R")]
    [InlineData("gateway.networking.k8s.io", "HTTPRoute", "r", "default")]
    public void AnyPartDifferingIsAnotherKey(string group, string kind, string ns, string name)
    {
        var key = Key("gateway.networking.k8s.io", "HTTPRoute", "default", "r");
        var other = Key(group, kind, ns, name);

        Assert.True(key != other);
        Assert.False(key.Equals((object)other));
        Assert.DoesNotContain(other, new HashSet<ObjectKey> { key });
    }

    [Fact]
    public void PrintsAsDiagnosticsNameObjects()
    {
        Assert.Equal("HTTPRoute default/r", Key("gateway.networking.k8s.io", "HTTPRoute", "default", "r").ToString());
        Assert.Equal("GatewayClass portico", Key("gateway.networking.k8s.io", "GatewayClass", "", "portico").ToString());
    }
}

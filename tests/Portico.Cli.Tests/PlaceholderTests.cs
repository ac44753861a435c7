namespace Portico.Cli.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void ProjectBuilds() => Assert.Equal("Portico.Cli.Tests", typeof(PlaceholderTests).Assembly.GetName().Name);
}

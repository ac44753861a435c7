namespace Portico.Files.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void ProjectBuilds() => Assert.Equal("Portico.Files.Tests", typeof(PlaceholderTests).Assembly.GetName().Name);
}

namespace Portico.Translation.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void ProjectBuilds() => Assert.Equal("Portico.Translation.Tests", typeof(PlaceholderTests).Assembly.GetName().Name);
}

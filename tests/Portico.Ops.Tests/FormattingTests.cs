using Portico.Cli.Admin;

namespace Portico.Ops.Tests;

public sealed class FormattingTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(192, "3m12s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(2 * 3600 + 300 + 3 * 3600, "5h5m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(100 * 86400, "100d")]
    [InlineData(3 * 365 * 86400 + 86400, "3y1d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void AgeIsKubectlStyle(long seconds, string expected)
    {
        Assert.Equal(expected, HumanAge.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void AgeWithoutTimestampIsUnknown()
    {
        Assert.Equal("<unknown>", HumanAge.Of(null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void TableAlignsColumnsAndGrowsMultiLineCells()
    {
        var table = new TextTable("NAME", "BACKENDS", "READY");
        table.Add("a", "one\ntwo-long", "1/1\n0/1");
        table.Add("bbbb", "x", "2/2");
        using var text = new StringWriter();

        table.Write(text);

        Assert.Equal("NAME   BACKENDS   READY\na      one        1/1\n       two-long   0/1\nbbbb   x          2/2\n", text.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("service/shop/cart/port/9000/h2c", "service shop/cart:9000")]
    [InlineData("something-else", "something-else")]
    public void BackendIdsReadAsServices(string id, string expected)
    {
        Assert.Equal(expected, BackendName.Display(id));
    }
}

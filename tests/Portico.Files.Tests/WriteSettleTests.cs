using Portico.Files.Watching;

namespace Portico.Files.Tests;

public sealed class WriteSettleTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    [Fact]
    public void NothingWrittenMeansNoWait() => Assert.Equal(TimeSpan.Zero, new WriteSettle(Settle).Remaining());

    [Fact]
    public void AWriteWaitsUntilItsFileIsClosed()
    {
        var settle = new WriteSettle(Settle);
        settle.Note(new FileChange(ChangeKind.Written, "/m/a.yaml"));
        settle.Note(new FileChange(ChangeKind.Written, "/m/b.yaml"));
        Assert.True(settle.Remaining() > TimeSpan.Zero);

        settle.Note(new FileChange(ChangeKind.Complete, "/m/a.yaml"));
        Assert.True(settle.Remaining() > TimeSpan.Zero, "b.yaml is still open");

        settle.Note(new FileChange(ChangeKind.Complete, "/m/b.yaml"));
        Assert.Equal(TimeSpan.Zero, settle.Remaining());
    }

    [Fact]
    public void AnUnnamedWriteWaitsOutTheSettleTime()
    {
        var settle = new WriteSettle(Settle);
        settle.Note(new FileChange(ChangeKind.Written, null));
        settle.Note(new FileChange(ChangeKind.Complete, "/m/a.yaml"));
        settle.Note(new FileChange(ChangeKind.Complete, null));
        Assert.True(settle.Remaining() > TimeSpan.Zero);

        var quick = new WriteSettle(TimeSpan.Zero);
        quick.Note(new FileChange(ChangeKind.Written, null));
        quick.Note(new FileChange(ChangeKind.Written, "/m/a.yaml"));
        Assert.Equal(TimeSpan.Zero, quick.Remaining());
    }
}

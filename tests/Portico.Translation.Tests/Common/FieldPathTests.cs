using Portico.Translation.Common;

namespace Portico.Translation.Tests.Common;

public class FieldPathTests
{
    [Fact]
    public void WritesPartsAndIndexesInOrder()
    {
        var path = FieldPath.Of("spec.rules", 0).Then(".backendRefs", 1).Then(".filters", 2).Then(".requestMirror.backendRef");

        Assert.Equal("spec.rules[0].backendRefs[1].filters[2].requestMirror.backendRef", path.ToString());
        Assert.Equal("spec.rules[3].matches[0].method: x", $"{FieldPath.Of("spec.rules", 3).Then(".matches", 0).Then(".method")}: x");
    }

    [Fact]
    public void KeepsEveryPartPastFourAndLeavesTheOriginalUnchanged()
    {
        var four = FieldPath.Of("spec.rules", 0).Then(".backendRefs", 1).Then(".filters", 2).Then(".requestRedirect");
        var six = four.Then(".path").Then(".replacePrefixMatch", 7);

        Assert.Equal("spec.rules[0].backendRefs[1].filters[2].requestRedirect.path.replacePrefixMatch[7]", six.ToString());
        Assert.Equal("spec.rules[0].backendRefs[1].filters[2].requestRedirect", four.ToString());
        Assert.Equal(string.Empty, default(FieldPath).ToString());
    }
}

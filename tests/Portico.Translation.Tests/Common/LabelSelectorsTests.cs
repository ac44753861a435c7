using Portico.Model.Meta;
using Portico.Translation.Common;

namespace Portico.Translation.Tests.Common;

public sealed class LabelSelectorsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["env"] = "prod", ["team"] = "a" };

    [Theory]
    [InlineData("In", "prod,dev", true)]
    [InlineData("In", "dev", false)]
    [InlineData("NotIn", "dev", true)]
    [InlineData("NotIn", "prod", false)]
    [InlineData("Exists", "", true)]
    [InlineData("DoesNotExist", "", false)]
    public void ExpressionsOnPresentKey(string op, string values, bool expected)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "env", Operator = op, Values = values.Length == 0 ? [] : values.Split(',') }],
        };
        Assert.Null(LabelSelectors.Validate(selector));
        Assert.Equal(expected, LabelSelectors.Matches(selector, Labels));
    }

    [Fact]
    public void MatchLabelsAndExpressionsAreAnded()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["team"] = "a" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "missing", Operator = "DoesNotExist" }],
        };
        Assert.True(LabelSelectors.Matches(selector, Labels));
        Assert.False(LabelSelectors.Matches(selector, new Dictionary<string, string> { ["team"] = "b" }));
    }

    [Theory]
    [InlineData("In", "")]
    [InlineData("Exists", "x")]
    [InlineData("Bogus", "x")]
    public void MalformedSelectorsAreExplained(string op, string values)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "k", Operator = op, Values = values.Length == 0 ? [] : [values] }],
        };
        Assert.Contains("\"k\"", LabelSelectors.Validate(selector), StringComparison.Ordinal);
    }
}

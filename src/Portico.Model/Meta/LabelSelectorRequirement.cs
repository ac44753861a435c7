namespace Portico.Model.Meta;

/// <summary>One <c>matchExpressions</c> entry: <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>.</summary>
public sealed class LabelSelectorRequirement
{
    public string Key { get; set; } = string.Empty;

    public string Operator { get; set; } = string.Empty;

    public IReadOnlyList<string> Values { get; set; } = [];
}

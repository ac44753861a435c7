namespace Portico.Model.Meta;

/// <summary><c>metav1.LabelSelector</c>: <c>matchLabels</c> and <c>matchExpressions</c>, ANDed.</summary>
public sealed class LabelSelector
{
    public IReadOnlyDictionary<string, string> MatchLabels { get; set; } = new Dictionary<string, string>();

    public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; set; } = [];
}

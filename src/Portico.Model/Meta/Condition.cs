namespace Portico.Model.Meta;

/// <summary>A <c>metav1.Condition</c>. <see cref="LastTransitionTime"/> is stamped by the status writer, never by the translator.</summary>
public sealed record Condition
{
    public string Type { get; set; } = string.Empty;

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string Status { get; set; } = ConditionStatus.Unknown;

    public long? ObservedGeneration { get; init; }

    public DateTimeOffset? LastTransitionTime { get; init; }

    public string Reason { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;
}

namespace Portico.Routing.Actions;

/// <summary>
/// Header edits, applied in the order remove, set, add. Names are lower-case (HTTP/2 form); matching is
/// case-insensitive. <c>add</c> appends a value to any existing ones.
/// </summary>
public sealed record HeaderModifier
{
    public IReadOnlyList<HeaderValue> Set { get; set; } = [];

    public IReadOnlyList<HeaderValue> Add { get; set; } = [];

    public IReadOnlyList<string> Remove { get; set; } = [];
}

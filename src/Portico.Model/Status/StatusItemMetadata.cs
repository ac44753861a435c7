namespace Portico.Model.Status;

public sealed class StatusItemMetadata
{
    public string Name { get; init; } = string.Empty;

    public string? Namespace { get; init; }

    public long Generation { get; init; }
}

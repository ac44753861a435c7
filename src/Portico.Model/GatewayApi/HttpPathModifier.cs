namespace Portico.Model.GatewayApi;

/// <summary><c>ReplaceFullPath</c> or <c>ReplacePrefixMatch</c>.</summary>
public sealed class HttpPathModifier
{
    public string Type { get; set; } = string.Empty;

    public string? ReplaceFullPath { get; init; }

    public string? ReplacePrefixMatch { get; init; }
}

namespace Portico.Files.Reading;

/// <summary>
/// A problem found while reading manifests, located as precisely as the input allows. Printed as
/// <c>file:line:column: error: field: message</c>.
/// </summary>
public sealed record ManifestDiagnostic(DiagnosticSeverity Severity, string File, int? Line, int? Column, string? Field, string Message)
{
    public override string ToString()
    {
        var location = Line is { } l ? (Column is { } c ? $"{File}:{l}:{c}" : $"{File}:{l}") : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Field is null ? $"{location}: {severity}: {Message}" : $"{location}: {severity}: {Field}: {Message}";
    }
}

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

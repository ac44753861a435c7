namespace Portico.Architecture.Tests.Support;

/// <summary>
/// The "may reference" column of ARCHITECTURE.md's layers table. A project missing here is itself a violation:
/// a new project must take its place in the table (and here) before it can reference anything.
/// </summary>
internal static class LayerRules
{
    /// <summary>Allowed project references; null means "anything" (the composition root).</summary>
    public static IReadOnlyDictionary<string, string[]?> Allowed { get; } = new Dictionary<string, string[]?>(StringComparer.Ordinal)
    {
        ["Portico.Model"] = [],
        ["Portico.Routing"] = [],
        ["Portico.Translation"] = ["Portico.Model", "Portico.Routing"],
        ["Portico.Files"] = ["Portico.Model"],
        ["Portico.Kubernetes"] = ["Portico.Model"],
        ["Portico.Proxy"] = ["Portico.Routing"],
        ["Portico.ControlPlane"] = ["Portico.Model", "Portico.Routing", "Portico.Translation"],
        ["Portico.Cli"] = null,
    };

    /// <summary>Projects that must build on the BCL alone (layer 0).</summary>
    public static IReadOnlyList<string> BclOnly { get; } = ["Portico.Model", "Portico.Routing"];

    /// <summary>One message per reference the table does not allow.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<ProjectFile> projects)
    {
        var violations = new List<string>();
        foreach (var project in projects)
        {
            if (!Allowed.TryGetValue(project.Name, out var allowed))
            {
                violations.Add($"{project.Name} is not in ARCHITECTURE.md's layers table");
                continue;
            }

            if (allowed is null)
            {
                continue;
            }

            foreach (var reference in project.ProjectReferences)
            {
                if (!allowed.Contains(reference, StringComparer.Ordinal))
                {
                    violations.Add($"{project.Name} -> {reference} is not an allowed edge (allowed: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))})");
                }
            }
        }

        return violations;
    }
}

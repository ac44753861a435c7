using System.CommandLine;

namespace Portico.Cli.Admin;

/// <summary><c>-n/--namespace</c> and <c>-A/--all-namespaces</c>, as kubectl: <c>default</c> unless told otherwise; <c>-A</c> wins.</summary>
internal sealed class NamespaceOptions
{
    public const string DefaultNamespace = "default";

    public Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "Namespace of the objects.",
        HelpName = "namespace",
        DefaultValueFactory = _ => DefaultNamespace,
    };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A")
    {
        Description = "Objects of every namespace (adds a NAMESPACE column).",
    };

    public void AddTo(Command command, bool withAll)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Namespace);
        if (withAll)
        {
            command.Options.Add(AllNamespaces);
        }
    }

    /// <summary>The namespace to list, or null for all.</summary>
    public string? Selected(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(AllNamespaces) ? null : parseResult.GetRequiredValue(Namespace);
    }
}

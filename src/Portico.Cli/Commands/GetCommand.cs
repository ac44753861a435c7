using System.CommandLine;
using System.Text.Json.Nodes;
using Portico.Cli.Admin;
using Portico.Cli.Output;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico get TYPE [NAME]</c>: kubectl-style tables of what a running gateway is configured with and what it
/// reports (read from its admin API). <c>-o yaml|json</c> prints the objects themselves, spec and live status.
/// </summary>
internal sealed class GetCommand
{
    private const string Wide = "wide";

    private readonly Argument<string> _type = new("type")
    {
        Description = $"What to list: {ResourceTypes.Names(ResourceTypes.All)} (or kubectl's short names: gtw, refgrant, gc, ...).",
    };

    private readonly Argument<string?> _name = new("name")
    {
        Description = "One object's name (default: all of the type).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly NamespaceOptions _namespaces = new();

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = $"Output format: a table (default), {Wide} (more columns), {OutputFormat.Yaml} or {OutputFormat.Json} (the objects with status).",
        HelpName = "format",
    };

    private readonly Option<string> _admin = AdminAddressOption.Create();

    private GetCommand()
    {
        _output.AcceptOnlyFromAmong(Wide, OutputFormat.Yaml, OutputFormat.Json);
        _type.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (ResourceTypes.Find(value) is null)
            {
                result.AddError($"unknown resource type '{value}'; expected one of {ResourceTypes.Names(ResourceTypes.All)}.");
            }
        });
    }

    public static Command Create()
    {
        var self = new GetCommand();
        var command = new Command("get", "List Gateway API objects of a running gateway, with their status (reads its admin API).");
        command.Arguments.Add(self._type);
        command.Arguments.Add(self._name);
        self._namespaces.AddTo(command, withAll: true);
        command.Options.Add(self._output);
        command.Options.Add(self._admin);
        command.SetAction((parseResult, cancellationToken) =>
            AdminCommandRunner.RunAsync("get", parseResult, self._admin, (client, output, error) => self.ExecuteAsync(parseResult, client, output, error, cancellationToken), cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, AdminClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var type = ResourceTypes.Find(parseResult.GetRequiredValue(_type))!;
        var name = parseResult.GetValue(_name);
        var ns = type.Namespaced ? _namespaces.Selected(parseResult) : null;
        var format = parseResult.GetValue(_output);

        var objects = await client.GetObjectsAsync(cancellationToken).ConfigureAwait(false);
        var items = objects.OfKind(type.Kind, ns);
        if (name is not null)
        {
            items = [.. items.Where(i => string.Equals(i.Object.Name, name, StringComparison.Ordinal))];
            if (items.Count == 0)
            {
                var where = ns is null || !type.Namespaced ? string.Empty : $" in namespace \"{ns}\"";
                await error.WriteLineAsync($"portico get: {type.Singular} \"{name}\" not found{where} (gateway at {client.Address})").ConfigureAwait(false);
                return AdminExitCodes.NotFound;
            }
        }

        if (format is OutputFormat.Yaml or OutputFormat.Json)
        {
            // One named object prints as itself, a listing as a kubectl List, so either can be fed back to tools.
            JsonNode document = name is not null && items.Count == 1
                ? items[0].Document.DeepClone()
                : new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. items.Select(static i => (JsonNode?)i.Document.DeepClone())]) };
            await output.WriteAsync(DocumentText.Render(document, format)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (items.Count == 0)
        {
            // kubectl's wording, on stderr so that a pipe reading the table sees nothing.
            await error.WriteLineAsync(ns is null ? "No resources found" : $"No resources found in {ns} namespace.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        ObjectTables.Build(type, items, allNamespaces: ns is null, wide: format == Wide, DateTimeOffset.UtcNow).Write(output);
        return ExitCodes.Ok;
    }
}

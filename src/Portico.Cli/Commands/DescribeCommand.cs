using System.CommandLine;
using Portico.Cli.Admin;
using Portico.Model.GatewayApi;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico describe gateway|grpcroute|httproute [NAME]</c>: everything about an object in one readable page,
/// as <c>kubectl describe</c> prints it: spec summary, every condition with reason, message, observedGeneration and
/// lastTransitionTime, and for a Gateway its listeners and the routes attached to it.
/// </summary>
internal sealed class DescribeCommand
{
    private static readonly ResourceType[] Describable = [ResourceTypes.Gateway, ResourceTypes.GrpcRoute, ResourceTypes.HttpRoute];

    private readonly Argument<string> _type = new("type")
    {
        Description = $"Kind of object: {ResourceTypes.Names(Describable)} (or gateway, gtw, grpcroute, httproute).",
    };

    private readonly Argument<string?> _name = new("name")
    {
        Description = "The object's name (default: every object of the kind in the namespace).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly NamespaceOptions _namespaces = new();

    private readonly Option<string> _admin = AdminAddressOption.Create();

    private DescribeCommand()
    {
        _type.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (ResourceTypes.Find(value, Describable) is null)
            {
                result.AddError($"cannot describe '{value}'; expected one of {ResourceTypes.Names(Describable)}.");
            }
        });
    }

    public static Command Create()
    {
        var self = new DescribeCommand();
        var command = new Command("describe", "Show one Gateway or route of a running gateway in detail: spec, conditions, listeners, attached routes.");
        command.Arguments.Add(self._type);
        command.Arguments.Add(self._name);
        self._namespaces.AddTo(command, withAll: false);
        command.Options.Add(self._admin);
        command.SetAction((parseResult, cancellationToken) =>
            AdminCommandRunner.RunAsync("describe", parseResult, self._admin, (client, output, error) => self.ExecuteAsync(parseResult, client, output, error, cancellationToken), cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parseResult, AdminClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var type = ResourceTypes.Find(parseResult.GetRequiredValue(_type), Describable)!;
        var name = parseResult.GetValue(_name);
        var ns = parseResult.GetRequiredValue(_namespaces.Namespace);
        var objects = await client.GetObjectsAsync(cancellationToken).ConfigureAwait(false);
        var items = objects.OfKind(type.Kind, ns).Where(i => name is null || string.Equals(i.Object.Name, name, StringComparison.Ordinal)).ToList();
        if (items.Count == 0)
        {
            if (name is null)
            {
                await error.WriteLineAsync($"No resources found in {ns} namespace.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await error.WriteLineAsync($"portico describe: {type.Singular} \"{name}\" not found in namespace \"{ns}\" (gateway at {client.Address})").ConfigureAwait(false);
            return AdminExitCodes.NotFound;
        }

        var writer = new DescribeWriter(output, DateTimeOffset.UtcNow);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            if (items[i].Object is Gateway gateway)
            {
                GatewayDescriber.Write(writer, gateway, objects);
            }
            else
            {
                RouteDescriber.Write(writer, items[i].Object);
            }
        }

        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using Portico.Cli.Output;
using Portico.Cli.Pipeline;
using Portico.Translation.Output;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico check</c>: read manifests, translate them, print every owned object's status. The JSON form is the
/// document the admin API serves, so a script can read either the same way.
/// </summary>
internal sealed class CheckCommand
{
    private readonly TranslationInputOptions _inputs = new();

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = $"Output format: {OutputFormat.Table} (readable summary), {OutputFormat.Yaml} or " +
            $"{OutputFormat.Json} (the status document {{\"items\": [...]}}).",
        HelpName = "format",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Exit with code 2 when any Accepted, ResolvedRefs or Programmed condition is not True. Off by default.",
    };

    private CheckCommand()
    {
        _output.AcceptOnlyFromAmong(OutputFormat.Table, OutputFormat.Yaml, OutputFormat.Json);
    }

    public static Command Create()
    {
        var self = new CheckCommand();
        var command = new Command("check", "Read manifests, translate them and print the status of every object Portico owns.");
        self._inputs.AddTo(command);
        command.Options.Add(self._output);
        command.Options.Add(self._strict);
        command.SetAction(self.Execute);
        return command;
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var run = ManifestTranslation.Run(_inputs.ConfigPaths(parseResult), _inputs.ToTranslatorOptions(parseResult), error);
        var status = run.Result.Status;

        var format = parseResult.GetRequiredValue(_output);
        if (format == OutputFormat.Table)
        {
            StatusTableWriter.Write(status, output);
        }
        else
        {
            output.Write(DocumentText.Render(TranslationDocument.StatusToJson(status), format));
        }

        if (run.HadReadErrors)
        {
            return ExitCodes.ManifestError;
        }

        if (parseResult.GetValue(_strict))
        {
            var failures = StrictConditionAudit.FindFailures(status);
            foreach (var failure in failures)
            {
                error.WriteLine($"strict: {failure}");
            }

            if (failures.Count > 0)
            {
                return ExitCodes.StrictFailure;
            }
        }

        return ExitCodes.Ok;
    }
}

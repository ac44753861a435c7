using System.CommandLine;
using Portico.Cli.Output;
using Portico.Cli.Pipeline;
using Portico.Translation.Output;

namespace Portico.Cli.Commands;

/// <summary>
/// <c>portico translate</c>: print the full translation (status and IR) in the golden-file format, so a user's
/// bug report can be dropped into <c>testdata/</c> as a test case.
/// </summary>
internal sealed class TranslateCommand
{
    private readonly TranslationInputOptions _inputs = new();

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = $"Output format: {OutputFormat.Yaml} (the golden .out.yaml format) or {OutputFormat.Json}.",
        HelpName = "format",
        DefaultValueFactory = _ => OutputFormat.Yaml,
    };

    private TranslateCommand()
    {
        _output.AcceptOnlyFromAmong(OutputFormat.Yaml, OutputFormat.Json);
    }

    public static Command Create()
    {
        var self = new TranslateCommand();
        var command = new Command("translate", "Read manifests and print the translation: every object's status and the route table (IR).");
        self._inputs.AddTo(command);
        command.Options.Add(self._output);
        command.SetAction(self.Execute);
        return command;
    }

    private int Execute(ParseResult parseResult)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var run = ManifestTranslation.Run(_inputs.ConfigPaths(parseResult), _inputs.ToTranslatorOptions(parseResult), error);
        var document = TranslationDocument.ToJson(run.Result);
        parseResult.InvocationConfiguration.Output.Write(DocumentText.Render(document, parseResult.GetRequiredValue(_output)));
        return run.HadReadErrors ? ExitCodes.ManifestError : ExitCodes.Ok;
    }
}

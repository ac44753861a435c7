using System.CommandLine;
using System.Text.RegularExpressions;
using Portico.Translation;

namespace Portico.Cli.Commands;

/// <summary>
/// The options every command that translates manifests shares: where the manifests are and the two
/// <see cref="TranslatorOptions"/> a user may set. Validated while parsing, so a bad value is a usage error
/// before any file is read.
/// </summary>
internal sealed partial class TranslationInputOptions
{
    public const string DefaultAddress = "0.0.0.0";

    public Option<string[]> Config { get; } = new("--config", "-c")
    {
        Description = "Manifest file or directory (searched recursively for *.yaml and *.yml). Required; repeat it, " +
            "or list several paths after one --config, to read more than one.",
        HelpName = "path",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    // Defaults come from DefaultValueFactory, which help prints as "[default: ...]" after each description.
    public Option<string[]> DefaultAddresses { get; } = new("--default-address")
    {
        Description = "IP address that Gateways without spec.addresses bind to: a dotted-quad IPv4 or an IPv6 literal. " +
            "Repeat the option for several addresses.",
        HelpName = "ip",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [DefaultAddress],
    };

    public Option<string> ControllerName { get; } = new("--controller-name")
    {
        Description = "controllerName of the GatewayClasses Portico owns: a domain-prefixed path (example.com/name), " +
            "at most 253 characters.",
        HelpName = "name",
        DefaultValueFactory = _ => TranslatorOptions.DefaultControllerName,
    };

    public TranslationInputOptions()
    {
        DefaultAddresses.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!IpAddressText.TryNormalize(value, out _))
                {
                    result.AddError($"--default-address: '{value}' is not an IP address (expected e.g. 0.0.0.0, 127.0.0.1 or ::).");
                }
            }
        });
        ControllerName.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || value.Length > 253 || !ControllerNamePattern().IsMatch(value))
            {
                result.AddError($"--controller-name: '{value}' is not a domain-prefixed path (expected e.g. {TranslatorOptions.DefaultControllerName}).");
            }
        });
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Config);
        command.Options.Add(DefaultAddresses);
        command.Options.Add(ControllerName);
    }

    public IReadOnlyList<string> ConfigPaths(ParseResult parseResult) => parseResult.GetRequiredValue(Config);

    public TranslatorOptions ToTranslatorOptions(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var addresses = new List<string>();
        foreach (var value in parseResult.GetRequiredValue(DefaultAddresses))
        {
            // Already validated; normalizing makes "::0" and "::" produce the same table.
            IpAddressText.TryNormalize(value, out var normalized);
            if (!addresses.Contains(normalized, StringComparer.Ordinal))
            {
                addresses.Add(normalized);
            }
        }

        return new TranslatorOptions
        {
            ControllerName = parseResult.GetRequiredValue(ControllerName),
            DefaultAddresses = addresses,
        };
    }

    // The Gateway API's GatewayController pattern (gatewayclass_types.go), verbatim.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ControllerNamePattern();
}

namespace Portico.Translation;

/// <summary>What the translator needs besides the snapshot. Validated by the CLI; never read from the environment.</summary>
public sealed record TranslatorOptions
{
    /// <summary>The <c>controllerName</c> of the GatewayClasses Portico owns.</summary>
    public const string DefaultControllerName = "portico.dev/gateway-controller";

    public string ControllerName { get; init; } = DefaultControllerName;

    /// <summary>Bind addresses for Gateways without <c>spec.addresses</c> (default <c>0.0.0.0</c>).</summary>
    public IReadOnlyList<string> DefaultAddresses { get; init; } = ["0.0.0.0"];
}

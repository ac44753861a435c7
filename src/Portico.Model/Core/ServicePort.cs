using Portico.Model.Serialization;

namespace Portico.Model.Core;

public sealed class ServicePort
{
    public string? Name { get; init; }

    public string Protocol { get; set; } = "TCP";

    public int Port { get; init; }

    /// <summary>Defaults to <see cref="Port"/> when unset.</summary>
    public IntOrString? TargetPort { get; init; }

    /// <summary>KEP-3726 values such as <c>kubernetes.io/h2c</c>.</summary>
    public string? AppProtocol { get; init; }

    public int? NodePort { get; init; }
}

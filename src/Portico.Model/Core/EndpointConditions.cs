namespace Portico.Model.Core;

/// <summary>Unset <c>ready</c> means ready, as the Kubernetes API documents.</summary>
public sealed class EndpointConditions
{
    public bool? Ready { get; init; }

    public bool? Serving { get; init; }

    public bool? Terminating { get; init; }
}

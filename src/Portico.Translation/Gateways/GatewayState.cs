using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Gateways;

/// <summary>What the translator learned about one Gateway of an owned class.</summary>
internal sealed class GatewayState(Gateway gateway)
{
    public Gateway Gateway { get; } = gateway;

    public string Namespace => Gateway.Namespace;

    public string Name => Gateway.Name;

    public long Generation => Gateway.Generation;

    /// <summary>Why the whole Gateway is not accepted (class, parameters, addresses).</summary>
    public Problem? AcceptProblem { get; set; }

    /// <summary>Why the Gateway, though accepted, cannot be programmed (an unusable address).</summary>
    public Problem? ProgramProblem { get; set; }

    /// <summary>IP addresses to bind, also reported in <c>status.addresses</c>.</summary>
    public List<string> Addresses { get; } = [];

    public List<ListenerState> Listeners { get; } = [];

    /// <summary>Older Gateways win cross-Gateway port conflicts.</summary>
    public DateTimeOffset Created => Gateway.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;
}

using Portico.Model.GatewayApi;

namespace Portico.Translation.Routes;

/// <summary>A backendRef of either route kind, with its translated backendRef-level filters.</summary>
internal sealed record BackendRefInput(BackendObjectReference Ref, int Weight, FilterSet Filters, string Field);

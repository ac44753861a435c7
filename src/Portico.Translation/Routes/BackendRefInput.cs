using Portico.Model.GatewayApi;
using Portico.Translation.Common;

namespace Portico.Translation.Routes;

/// <summary>A backendRef of either route kind, with its translated backendRef-level filters.</summary>
internal readonly record struct BackendRefInput(BackendObjectReference Ref, int Weight, FilterSet Filters, FieldPath Field);

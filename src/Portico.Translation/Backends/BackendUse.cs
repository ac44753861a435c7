using Portico.Routing.Backends;

namespace Portico.Translation.Backends;

/// <summary>A backend one route resolved, with the parts it is found by (see <see cref="BackendResolver.Adopt"/>).</summary>
internal readonly record struct BackendUse((string Ns, string Name, int Port, BackendProtocol Protocol) Parts, BackendConfig Config);

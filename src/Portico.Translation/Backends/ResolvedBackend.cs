using Portico.Routing.Backends;
using Portico.Translation.Common;

namespace Portico.Translation.Backends;

/// <summary>A backendRef after resolution: the backend, or why it is unusable (a ResolvedRefs reason).</summary>
internal readonly record struct ResolvedBackend(BackendConfig? Backend, Problem? Problem);

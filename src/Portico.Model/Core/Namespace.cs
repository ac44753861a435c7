using System.Text.Json;
using Portico.Model.Meta;

namespace Portico.Model.Core;

/// <summary>core/v1 Namespace: only its labels matter (listener <c>allowedRoutes</c> selectors).</summary>
public sealed class Namespace : KubeObject
{
    public JsonElement? Spec { get; init; }

    public JsonElement? Status { get; init; }
}

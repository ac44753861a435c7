using System.Text.Json;
using Portico.Model.Meta;

namespace Portico.Model.Core;

public sealed class Service : KubeObject
{
    public ServiceSpec Spec { get; init; } = new();

    public JsonElement? Status { get; init; }
}

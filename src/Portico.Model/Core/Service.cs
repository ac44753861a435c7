using System.Text.Json;
using Portico.Model.Meta;

namespace Portico.Model.Core;

public sealed class Service : KubeObject
{
    public ServiceSpec Spec { get; set; } = new();

    public JsonElement? Status { get; init; }
}

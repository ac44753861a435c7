using System.Text.Json.Serialization;

namespace Portico.Routing.Table;

/// <summary>
/// Build-time JSON metadata for the IR (System.Text.Json source generation): <see cref="RouteTable"/> and every type
/// it reaches, for <c>portico translate</c>, golden files and the admin API's <c>/api/v1/config</c>. Reflection-free,
/// so it works in a NativeAOT build. Names, null handling and the rest of the shape come from the options it is
/// used with (the model's document options), not from this class.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(RouteTable))]
public sealed partial class RouteTableJsonContext : JsonSerializerContext;

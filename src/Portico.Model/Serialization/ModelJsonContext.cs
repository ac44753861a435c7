using System.Text.Json.Serialization;
using Portico.Model.Core;
using Portico.Model.GatewayApi;

namespace Portico.Model.Serialization;

/// <summary>
/// Build-time JSON metadata for every model type (System.Text.Json source generation), so reading and writing
/// manifests needs no reflection and works in a NativeAOT build. The roots are the kinds of
/// <see cref="Snapshot.ResourceKinds"/> and the status blocks a <see cref="Status.StatusItem"/> carries; every type they
/// reach is generated with them. The shape (names, nulls, empty collections, strictness) comes from the options
/// <see cref="ModelJson"/> builds around this resolver, not from these attributes.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(GatewayClass))]
[JsonSerializable(typeof(Gateway))]
[JsonSerializable(typeof(GrpcRoute))]
[JsonSerializable(typeof(HttpRoute))]
[JsonSerializable(typeof(ReferenceGrant))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(EndpointSlice))]
[JsonSerializable(typeof(GatewayClassStatus))]
[JsonSerializable(typeof(GatewayStatus))]
[JsonSerializable(typeof(RouteStatus))]
[JsonSerializable(typeof(string))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;

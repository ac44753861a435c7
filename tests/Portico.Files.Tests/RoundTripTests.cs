using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Files.Reading;
using Portico.Files.Tests.Support;
using Portico.Files.Yaml;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;
using Portico.Model.Serialization;
using Portico.Model.Snapshot;

namespace Portico.Files.Tests;

/// <summary>
/// Every kind, from the sample manifests in <c>Manifests/</c>: YAML → model → JSON → model gives the same JSON, the
/// model keeps every field the manifest wrote, and the JSON written back as YAML (or as JSON) reads the same again.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly ManifestReader Reader = new(new ManualClock());

    private static string ManifestPath(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);

    public static TheoryData<string, Type> Samples => new()
    {
        { "gatewayclass.yaml", typeof(GatewayClass) },
        { "gateway.yaml", typeof(Gateway) },
        { "grpcroute.yaml", typeof(GrpcRoute) },
        { "httproute.yaml", typeof(HttpRoute) },
        { "referencegrant-v1.yaml", typeof(ReferenceGrant) },
        { "referencegrant-v1beta1.yaml", typeof(ReferenceGrant) },
        { "service-clusterip.yaml", typeof(Service) },
        { "service-externalname.yaml", typeof(Service) },
        { "endpointslice.yaml", typeof(EndpointSlice) },
        { "secret-data.yaml", typeof(Secret) },
        { "secret-stringdata.yaml", typeof(Secret) },
        { "namespace.yaml", typeof(Namespace) },
    };

    private static KubeObject ReadSingle(ManifestReadResult result)
    {
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Objects).Object;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void YamlToModelToJsonRoundTrips(string file, Type type)
    {
        var path = ManifestPath(file);
        var loaded = ReadSingle(Reader.Read([path]));
        Assert.IsType(type, loaded);

        var json = JsonSerializer.SerializeToNode(loaded, type, ModelJson.Strict)!;
        var again = JsonSerializer.Deserialize(json, type, ModelJson.Strict)!;
        var jsonAgain = JsonSerializer.SerializeToNode(again, type, ModelJson.Strict);

        Assert.True(JsonNode.DeepEquals(json, jsonAgain), $"{file}: {json.ToJsonString()} != {jsonAgain?.ToJsonString()}");

        // Nothing the manifest said is lost (the model only adds defaults and the stamped metadata).
        var source = Assert.Single(YamlJsonLoader.Load(File.ReadAllText(path), file).Documents).Root;
        AssertContains(source, json, "");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WrittenYamlAndJsonReadBackTheSame(string file, Type type)
    {
        var loaded = ReadSingle(Reader.Read([ManifestPath(file)]));
        var json = JsonSerializer.SerializeToNode(loaded, type, ModelJson.Strict)!;

        var fromYaml = ReadSingle(Reader.ReadText(YamlDocumentWriter.Write(json), "written.yaml"));
        var fromJson = ReadSingle(Reader.ReadText(json.ToJsonString(ModelJson.Indented), "written.yaml"));

        Assert.True(JsonNode.DeepEquals(json, JsonSerializer.SerializeToNode(fromYaml, type, ModelJson.Strict)), file);
        Assert.True(JsonNode.DeepEquals(json, JsonSerializer.SerializeToNode(fromJson, type, ModelJson.Strict)), file);
    }

    [Fact]
    public void AllSamplesTogetherMakeASnapshot()
    {
        var result = Reader.Read([Path.Combine(AppContext.BaseDirectory, "Manifests")]);

        Assert.Empty(result.Diagnostics);
        var snapshot = result.ToSnapshot();
        Assert.Equal(12, snapshot.All.Count());
        Assert.Equal(2, snapshot.ReferenceGrants.Count);
        Assert.Equal(["backends/api", "default/external"], snapshot.Services.Select(s => s.FullName));
    }

    [Fact]
    public void SampleDetailsReachTheModel()
    {
        var gateway = Assert.IsType<Gateway>(ReadSingle(Reader.Read([ManifestPath("gateway.yaml")])));
        Assert.Equal("*.example.com", gateway.Spec.Listeners[0].Hostname);
        Assert.Equal("true", gateway.Spec.Listeners[0].AllowedRoutes.Namespaces.Selector!.MatchLabels["shared"]);
        Assert.Equal(["prod", "staging"], gateway.Spec.Listeners[0].AllowedRoutes.Namespaces.Selector!.MatchExpressions[0].Values);
        Assert.Equal("1.2", gateway.Spec.Listeners[1].Tls!.Options["portico.dev/min-version"]);
        Assert.Equal("multi\nline", gateway.Metadata.Annotations["note"]);

        var secret = Assert.IsType<Secret>(ReadSingle(Reader.Read([ManifestPath("secret-data.yaml")])));
        Assert.Equal("-----BEGIN CERTIFICATE-----\n", System.Text.Encoding.UTF8.GetString(secret.GetValue(Secret.TlsCertKey)!));

        var secretText = Assert.IsType<Secret>(ReadSingle(Reader.Read([ManifestPath("secret-stringdata.yaml")])));
        Assert.Equal("retries: 3\nverbose: true\n", secretText.StringData["config.yaml"]);
        Assert.Equal("default", secretText.Namespace);

        var service = Assert.IsType<Service>(ReadSingle(Reader.Read([ManifestPath("service-clusterip.yaml")])));
        Assert.Equal(("grpc", null), (service.Spec.Ports[0].TargetPort!.Value.Text, service.Spec.Ports[0].TargetPort!.Value.Number));
        Assert.Equal(8080, service.Spec.Ports[1].TargetPort!.Value.Number);

        var slice = Assert.IsType<EndpointSlice>(ReadSingle(Reader.Read([ManifestPath("endpointslice.yaml")])));
        Assert.Equal("api", slice.Metadata.Labels[EndpointSlice.ServiceNameLabel]);
        Assert.False(slice.Endpoints[1].Conditions.Ready);
        Assert.Equal("TCP", slice.Ports[0].Protocol);

        var grant = ReadSingle(Reader.Read([ManifestPath("referencegrant-v1beta1.yaml")]));
        Assert.Equal("gateway.networking.k8s.io/v1beta1", grant.ApiVersion);
        Assert.Same(ResourceKinds.ReferenceGrant, ResourceKinds.Find(grant.ApiVersion, grant.Kind));
    }

    // Every value in `expected` appears at the same place in `actual`; lists must match item by item.
    private static void AssertContains(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject map:
                var actualMap = Assert.IsType<JsonObject>(actual);
                foreach (var (name, value) in map)
                {
                    Assert.True(actualMap.ContainsKey(name), $"missing {path}.{name}");
                    AssertContains(value, actualMap[name], $"{path}.{name}");
                }

                break;
            case JsonArray list:
                var actualList = Assert.IsType<JsonArray>(actual);
                Assert.Equal(list.Count, actualList.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    AssertContains(list[i], actualList[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected?.ToJsonString()} != {actual?.ToJsonString()}");
                break;
        }
    }
}

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Portico.Files.Reading;
using Portico.Model.Snapshot;

namespace Portico.Benchmarks;

/// <summary>
/// The file provider's share of a reload: a manifest of 5,000 GRPCRoutes (about 2 MB, one YAML document per object, like
/// the reload benchmark's) where one document changes between reads, read again by the same <see cref="ManifestStore"/>
/// and turned into the control loop's update. Each call flips one header value, so every read sees exactly one edited
/// document. Only warm (tiered-up) code is measured here; the first reloads after start are slower.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ManifestReloadBenchmarks
{
    private const int Routes = 5_000;
    private readonly ManifestStore _fromText = new();
    private readonly ManifestStore _fromDisk = new();
    private string[] _texts = [];
    private byte[][] _bytes = [];
    private string _directory = string.Empty;
    private string _file = string.Empty;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        _texts = [Manifest(0), Manifest(1)];
        _bytes = [.. _texts.Select(Encoding.UTF8.GetBytes)];
        _directory = Path.Combine(Path.GetTempPath(), "portico-reload-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "routes.yaml");
        File.WriteAllBytes(_file, _bytes[0]);

        var first = _fromDisk.Reload([_directory]);
        _fromText.ReloadTexts([new("routes.yaml", _texts[0])]);
        if (first.HasErrors || first.Objects.Count != Routes + 5)
        {
            throw new InvalidOperationException($"the manifest reads with errors or a wrong count ({first.Objects.Count})");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "5,000 routes, one document edited: text to update")]
    public ProviderUpdate ReloadText() =>
        _fromText.ReloadTexts([new("routes.yaml", _texts[++_edits & 1])]).ToProviderUpdate();

    [Benchmark(Description = "5,000 routes, one document edited: write, read, update")]
    public ProviderUpdate ReloadFile()
    {
        File.WriteAllBytes(_file, _bytes[++_edits & 1]);
        return _fromDisk.Reload([_directory]).ToProviderUpdate();
    }

    // A namespace, a class, a gateway, a service with its endpoints, then the routes; the first route carries `value`.
    private static string Manifest(int value)
    {
        var y = new StringBuilder(Routes * 400);
        y.Append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n---\n");
        y.Append("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: portico\n")
            .Append("spec:\n  controllerName: portico.dev/gateway-controller\n---\n");
        y.Append("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: app\n")
            .Append("spec:\n  gatewayClassName: portico\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 8080\n---\n");
        y.Append("apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\n  namespace: app\n")
            .Append("spec:\n  ports:\n  - name: grpc\n    port: 50051\n    appProtocol: kubernetes.io/h2c\n---\n");
        y.Append("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: backend-1\n  namespace: app\n")
            .Append("  labels:\n    kubernetes.io/service-name: backend\naddressType: IPv4\nports:\n- name: grpc\n  port: 50051\n")
            .Append("endpoints:\n- addresses:\n  - 127.0.0.1\n");
        for (var i = 0; i < Routes; i++)
        {
            y.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata:
                  name: route-{i}
                  namespace: app
                spec:
                  parentRefs:
                  - name: gw
                  hostnames:
                  - "h{i % 4}.example.com"
                  rules:
                  - matches:
                    - method:
                        service: svc.v{i % 7}.Service{i}
                        method: Method{i}
                      headers:
                      - name: x-tenant
                        value: t{(i == 0 ? value : i)}
                    backendRefs:
                    - name: backend
                      port: 50051

                """);
        }

        return y.ToString();
    }
}

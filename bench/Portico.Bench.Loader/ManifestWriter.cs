using System.Globalization;
using System.Text;

namespace Portico.Bench.Loader;

/// <summary>
/// Writes the gateway configurations the harness runs Portico on (one <c>bench.yaml</c> per directory):
/// <list type="bullet">
/// <item><c>walkthrough</c>: the examples/walkthrough shapes (hostnames, exact and service-wide methods, a header
/// match, a regex match, an HTTPRoute) with the benchmarked route behind a 90/10 split and a header filter.</item>
/// <item><c>routes</c>: the same benchmarked route plus filler GRPCRoutes up to <c>--routes</c> rules (exact methods
/// over four hostnames, every 50th a regex, every 20th with a header match), for lookup cost and reloads.</item>
/// </list>
/// Every Service points at the one benchmark backend; <c>--gen</c> sets the <c>x-bench-gen</c> header that the
/// benchmarked route adds (the reload probe edits it).
/// </summary>
internal static class ManifestWriter
{
    public const string BenchHost = "bench.example.com";

    public static int Run(Args args)
    {
        var yaml = Build(args.Text("kind", "walkthrough"), args.Int("routes", 10), args.Int("listen-port", 18080),
            args.Int("backend-port", 50100), args.Int("gen", 0));
        var dir = args.Required("out");
        Directory.CreateDirectory(dir);
        WriteAtomically(Path.Combine(dir, "bench.yaml"), yaml);
        return 0;
    }

    /// <summary>Writes next to the target's directory, then renames: the watcher never reads half a file.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(full))!, "." + Path.GetFileName(full) + ".tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
    }

    public static string Build(string kind, int routes, int listenPort, int backendPort, int generation)
    {
        var y = new StringBuilder(routes * 700 + 8192);
        Common(y, listenPort);
        var services = new List<string> { "bench-stable", "bench-canary" };
        BenchRoute(y, generation);
        if (kind == "walkthrough")
        {
            services.AddRange(Walkthrough(y));
        }
        else if (kind == "routes")
        {
            services.AddRange(Fillers(y, routes - 2));
        }
        else
        {
            throw new ArgumentException($"unknown --kind {kind} (walkthrough or routes)");
        }

        foreach (var s in services.Distinct())
        {
            Service(y, s, backendPort);
        }

        return y.ToString();
    }

    private static void Common(StringBuilder y, int listenPort)
    {
        y.Append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n---\n");
        y.Append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n  labels:\n    gateway-access: \"true\"\n---\n");
        y.Append("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: portico\nspec:\n  controllerName: portico.dev/gateway-controller\n---\n");
        y.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: bench-gateway
              namespace: infra
            spec:
              gatewayClassName: portico
              addresses:
              - type: IPAddress
                value: 127.0.0.1
              listeners:
              - name: http
                protocol: HTTP
                port: {listenPort}
                allowedRoutes:
                  namespaces:
                    from: Selector
                    selector:
                      matchLabels:
                        gateway-access: "true"
            ---

            """);
    }

    /// <summary>The benchmarked route: Unary exact, the rest of the service by name; 90/10 split; a header filter.</summary>
    private static void BenchRoute(StringBuilder y, int generation)
    {
        var filter = $"""
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    add:
                    - name: x-request-priority
                      value: high
                    set:
                    - name: x-bench-gen
                      value: "{generation}"
            """;
        const string split = """
                backendRefs:
                - name: bench-stable
                  port: 50051
                  weight: 90
                - name: bench-canary
                  port: 50051
                  weight: 10
            """;
        y.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: bench-route
              namespace: app
            spec:
              parentRefs:
              - name: bench-gateway
                namespace: infra
              hostnames:
              - {BenchHost}
              - api.example.com
              rules:
              - matches:
                - method:
                    service: portico.bench.Bench
                    method: Unary
            {filter}
            {split}
              - matches:
                - method:
                    service: portico.bench.Bench
            {filter}
            {split}
            ---

            """);
    }

    private static IEnumerable<string> Walkthrough(StringBuilder y)
    {
        Route(y, "user-service-route", ["api.example.com"], [
            Rule(Method("user.v1.UserService", "GetUser"), Refs(("user-service", 1))),
            Rule(Method("user.v1.UserService", "CreateUser"), Refs(("user-write-service", 1)))]);
        Route(y, "ab-test-route", [], [
            Rule(Method("recommendation.v1.RecommendationService", null) + Header("x-experiment-group", "treatment-a"), Refs(("recommendation-v2", 1))),
            Rule(Method("recommendation.v1.RecommendationService", null), Refs(("recommendation-v1", 1)))]);
        Route(y, "canary-route", [], [
            Rule(Method("order.v1.OrderService", null), Refs(("order-service-stable", 90), ("order-service-canary", 10)))]);
        Route(y, "catalog-route", ["*.api.example.com", BenchHost], [
            Rule(Regex("catalog\\.v[0-9]+\\.CatalogService", "(Get|List)[A-Za-z]+"), Refs(("catalog-service", 1)))]);
        y.Append("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: web-route
              namespace: app
            spec:
              parentRefs:
              - name: bench-gateway
                namespace: infra
              hostnames:
              - api.example.com
              - bench.example.com
              rules:
              - matches:
                - path:
                    type: PathPrefix
                    value: /static
                backendRefs:
                - name: web-service
                  port: 50051
            ---

            """);
        return ["user-service", "user-write-service", "recommendation-v1", "recommendation-v2", "order-service-stable",
            "order-service-canary", "catalog-service", "web-service"];
    }

    private static IEnumerable<string> Fillers(StringBuilder y, int count)
    {
        string[] hosts = ["a.example.com", "b.example.com", BenchHost, "*.svc.example.com"];
        for (var i = 0; i < count; i++)
        {
            var match = i % 50 == 49
                ? Regex($"filler\\.v{i % 7}\\.Regex{i}", "Get.*")
                : Method($"filler.v{i % 7}.Service{i}", $"Method{i}") + (i % 20 == 19 ? Header("x-tenant", $"t{i}") : "");
            Route(y, $"filler-{i}", [hosts[i % hosts.Length]], [Rule(match, Refs(($"filler-{i % 10}", 1)))]);
        }

        return Enumerable.Range(0, Math.Min(count, 10)).Select(i => $"filler-{i}");
    }

    private static void Route(StringBuilder y, string name, string[] hostnames, string[] rules)
    {
        y.Append(CultureInfo.InvariantCulture,
            $"apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: {name}\n  namespace: app\nspec:\n  parentRefs:\n  - name: bench-gateway\n    namespace: infra\n");
        if (hostnames.Length > 0)
        {
            y.Append("  hostnames:\n");
            foreach (var h in hostnames)
            {
                y.Append(CultureInfo.InvariantCulture, $"  - \"{h}\"\n");
            }
        }

        y.Append("  rules:\n");
        foreach (var r in rules)
        {
            y.Append(r);
        }

        y.Append("---\n");
    }

    private static string Rule(string match, string refs) => $"  - matches:\n    - {match}{refs}";

    private static string Method(string service, string? method) =>
        method is null ? $"method:\n        service: {service}\n" : $"method:\n        service: {service}\n        method: {method}\n";

    private static string Regex(string service, string method) =>
        $"method:\n        type: RegularExpression\n        service: '{service}'\n        method: '{method}'\n";

    private static string Header(string name, string value) => $"      headers:\n      - name: {name}\n        value: {value}\n";

    private static string Refs(params (string Name, int Weight)[] refs)
    {
        var s = new StringBuilder("    backendRefs:\n");
        foreach (var (name, weight) in refs)
        {
            s.Append(CultureInfo.InvariantCulture, $"    - name: {name}\n      port: 50051\n      weight: {weight}\n");
        }

        return s.ToString();
    }

    private static void Service(StringBuilder y, string name, int backendPort)
    {
        y.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: app
            spec:
              ports:
              - name: grpc
                port: 50051
                targetPort: {backendPort}
                appProtocol: kubernetes.io/h2c
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: {name}-1
              namespace: app
              labels:
                kubernetes.io/service-name: {name}
            addressType: IPv4
            ports:
            - name: grpc
              port: {backendPort}
              protocol: TCP
            endpoints:
            - addresses:
              - 127.0.0.1
              conditions:
                ready: true
            ---

            """);
    }
}

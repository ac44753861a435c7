namespace Portico.Cli.Tests.Support;

/// <summary>Small manifests whose translation is known from the Gateway API spec.</summary>
internal static class Manifests
{
    /// <summary>
    /// A GatewayClass Portico owns, one HTTP Gateway, and one GRPCRoute to a Service with a ready endpoint:
    /// every Accepted / ResolvedRefs / Programmed condition must come out True.
    /// </summary>
    public const string Valid = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: portico
        spec:
          controllerName: portico.dev/gateway-controller
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: gw
          namespace: demo
        spec:
          gatewayClassName: portico
          listeners:
          - name: http
            protocol: HTTP
            port: 8080
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: echo
          namespace: demo
        spec:
          parentRefs:
          - name: gw
          rules:
          - matches:
            - method:
                service: echo.v1.Echo
                method: Say
            backendRefs:
            - name: echo
              port: 50051
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: echo
          namespace: demo
        spec:
          ports:
          - name: grpc
            port: 50051
            targetPort: 50061
            appProtocol: kubernetes.io/h2c
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: echo-1
          namespace: demo
          labels:
            kubernetes.io/service-name: echo
        addressType: IPv4
        ports:
        - name: grpc
          port: 50061
        endpoints:
        - addresses:
          - 127.0.0.1
        """;

    /// <summary>A route to a Service that does not exist: its parent gets <c>ResolvedRefs=False</c> (BackendNotFound).</summary>
    public const string RouteToMissingService = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: dangling
          namespace: demo
        spec:
          parentRefs:
          - name: gw
          rules:
          - matches:
            - method:
                service: missing.v1.Missing
            backendRefs:
            - name: no-such-service
              port: 50051
        """;

    /// <summary>A kind Portico does not read: skipped with a warning.</summary>
    public const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: echo
          namespace: demo
        spec:
          replicas: 1
        """;

    /// <summary>Not YAML at all: an unclosed flow sequence.</summary>
    public const string Malformed = """
        apiVersion: v1
        kind: Service
        metadata: [name, namespace
        """;
}

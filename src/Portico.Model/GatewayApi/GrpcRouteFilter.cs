namespace Portico.Model.GatewayApi;

/// <summary>A GRPCRoute filter: <c>type</c> names which one of the members is set.</summary>
public sealed class GrpcRouteFilter
{
    public string Type { get; set; } = string.Empty;

    public HttpHeaderFilter? RequestHeaderModifier { get; init; }

    public HttpHeaderFilter? ResponseHeaderModifier { get; init; }

    public HttpRequestMirrorFilter? RequestMirror { get; init; }

    public LocalObjectReference? ExtensionRef { get; init; }
}

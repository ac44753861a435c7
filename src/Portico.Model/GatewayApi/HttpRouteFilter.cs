using System.Text.Json;

namespace Portico.Model.GatewayApi;

public sealed class HttpRouteFilter
{
    public string Type { get; set; } = string.Empty;

    public HttpHeaderFilter? RequestHeaderModifier { get; init; }

    public HttpHeaderFilter? ResponseHeaderModifier { get; init; }

    public HttpRequestMirrorFilter? RequestMirror { get; init; }

    public HttpRequestRedirectFilter? RequestRedirect { get; init; }

    public HttpUrlRewriteFilter? UrlRewrite { get; init; }

    /// <summary>Standard since v1.5; not served yet, kept for round trips.</summary>
    public JsonElement? Cors { get; init; }

    /// <summary>Experimental; not served yet, kept for round trips.</summary>
    public JsonElement? ExternalAuth { get; init; }

    public LocalObjectReference? ExtensionRef { get; init; }
}

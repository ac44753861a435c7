namespace Portico.Model.GatewayApi;

public static class FilterType
{
    public const string RequestHeaderModifier = "RequestHeaderModifier";
    public const string ResponseHeaderModifier = "ResponseHeaderModifier";
    public const string RequestMirror = "RequestMirror";
    public const string RequestRedirect = "RequestRedirect";
    public const string UrlRewrite = "URLRewrite";
    public const string Cors = "CORS";
    public const string ExternalAuth = "ExternalAuth";
    public const string ExtensionRef = "ExtensionRef";
}

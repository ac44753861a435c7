namespace Portico.Translation.GatewayClasses;

/// <summary>
/// Conformance feature names Portico implements, reported sorted in <c>status.supportedFeatures</c>. Only features
/// whose every rule is implemented belong here (the conformance suite infers what to test from this list); mesh
/// features never do (reference §2.1).
/// </summary>
internal static class SupportedFeatures
{
    public static IReadOnlyList<string> Names { get; } = Sort(
    [
        "Gateway",
        "GatewayHTTPListenerIsolation",
        "GatewayPort8080",
        "GRPCRoute",
        "GRPCRouteNamedRouteRule",
        "HTTPRoute",
        "HTTPRoute303RedirectStatusCode",
        "HTTPRoute307RedirectStatusCode",
        "HTTPRoute308RedirectStatusCode",
        "HTTPRouteBackendProtocolH2C",
        "HTTPRouteBackendRequestHeaderModification",
        "HTTPRouteHostRewrite",
        "HTTPRouteMethodMatching",
        "HTTPRouteNamedRouteRule",
        "HTTPRouteParentRefPort",
        "HTTPRoutePathRedirect",
        "HTTPRoutePathRewrite",
        "HTTPRoutePortRedirect",
        "HTTPRouteQueryParamMatching",
        "HTTPRouteRequestMirror",
        "HTTPRouteRequestMultipleMirrors",
        "HTTPRouteRequestPercentageMirror",
        "HTTPRouteResponseHeaderModification",
        "HTTPRouteSchemeRedirect",
        "ReferenceGrant",
    ]);

    private static string[] Sort(string[] names)
    {
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}

using Portico.EndToEnd.Tests.Support;
using Portico.Testing;

namespace Portico.EndToEnd.Tests.Filters;

/// <summary>Header modifiers, backendRef-level filters, mirrors, redirects and URL rewrites, one hostname each.</summary>
public sealed class FiltersFixture : GatewayFixture
{
    public TestBackend Echo { get; private set; } = null!;

    public TestBackend Mirror { get; private set; } = null!;

    public TestBackend Web { get; private set; } = null!;

    public TestBackend WebMirror { get; private set; } = null!;

    protected override async Task<Manifests> CreateManifestsAsync()
    {
        var h2c = await StartBackendsAsync("echo", "a", "b", "mirror");
        var http1 = await StartBackendsAsync(TestBackendOptions.Http1Only, "web", "web-mirror");
        (Echo, Mirror, Web, WebMirror) = (h2c[0], h2c[3], http1[0], http1[1]);
        return new Manifests()
            .GatewayClass()
            .Gateway("gw", [GatewayListener.Http("http", Port)])
            .Service("echo", [Echo])
            .Service("a", [h2c[1]])
            .Service("b", [h2c[2]])
            .Service("mirror", [Mirror])
            .Service("web", [Web], port: 80, portName: "http", appProtocol: null)
            .Service("web-mirror", [WebMirror], port: 80, portName: "http", appProtocol: null)
            .GrpcRoute("request-headers", ["gw"], ["reqhdr.example.com"], """
                - filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier:
                      set: [{name: X-Header-Set, value: set-overwrites-values}]
                      add: [{name: X-Header-Add, value: add-appends-values}]
                      remove: [X-Header-Remove]
                  backendRefs: [{name: echo, port: 8080}]
                """)
            .GrpcRoute("response-headers", ["gw"], ["resphdr.example.com"], """
                - filters:
                  - type: ResponseHeaderModifier
                    responseHeaderModifier:
                      set: [{name: X-Resp-Set, value: set}]
                      add: [{name: X-Resp-Add, value: added}]
                      remove: [X-Resp-Remove]
                  backendRefs: [{name: echo, port: 8080}]
                """)
            .GrpcRoute("per-backend", ["gw"], ["perbackend.example.com"], """
                - backendRefs:
                  - name: a
                    port: 8080
                    filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier: {set: [{name: x-only-a, value: "yes"}]}
                    - type: ResponseHeaderModifier
                      responseHeaderModifier: {set: [{name: x-resp-only-a, value: "yes"}]}
                  - name: b
                    port: 8080
                """)
            .GrpcRoute("mirror", ["gw"], ["mirror.example.com"], """
                - filters:
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: mirror, port: 8080}}
                  backendRefs: [{name: echo, port: 8080}]
                """)
            .GrpcRoute("mirror-zero", ["gw"], ["mirror-zero.example.com"], """
                - filters:
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: mirror, port: 8080}, percent: 0}
                  backendRefs: [{name: echo, port: 8080}]
                """)
            .HttpRoute("http-headers", ["gw"], ["http.example.com"], """
                - filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier:
                      set: [{name: X-Header-Set, value: set-overwrites-values}]
                      add: [{name: X-Header-Add, value: add-appends-values}]
                      remove: [X-Header-Remove]
                  - type: ResponseHeaderModifier
                    responseHeaderModifier:
                      add: [{name: X-Resp-Add, value: added}]
                  backendRefs: [{name: web, port: 80}]
                """)
            .HttpRoute("http-mirror", ["gw"], ["http-mirror.example.com"], """
                - filters:
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: web-mirror, port: 80}}
                  backendRefs: [{name: web, port: 80}]
                """)
            .HttpRoute("redirect", ["gw"], ["redirect.example.com"], """
                - matches: [{path: {type: PathPrefix, value: /host}}]
                  filters: [{type: RequestRedirect, requestRedirect: {hostname: new.example.com}}]
                - matches: [{path: {type: PathPrefix, value: /scheme}}]
                  filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]
                - matches: [{path: {type: PathPrefix, value: /port}}]
                  filters: [{type: RequestRedirect, requestRedirect: {port: 8443}}]
                - matches: [{path: {type: PathPrefix, value: /full}}]
                  filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /replaced}}}]
                - matches: [{path: {type: PathPrefix, value: /prefix}}]
                  filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /newprefix}}}]
                - matches: [{path: {type: PathPrefix, value: /all}}]
                  filters:
                  - type: RequestRedirect
                    requestRedirect: {scheme: https, hostname: x.example.com, port: 8443, path: {type: ReplaceFullPath, replaceFullPath: /y}, statusCode: 308}
                """)
            .HttpRoute("rewrite", ["gw"], ["rewrite.example.com"], """
                - matches: [{path: {type: PathPrefix, value: /host}}]
                  filters: [{type: URLRewrite, urlRewrite: {hostname: internal.example.com}}]
                  backendRefs: [{name: web, port: 80}]
                - matches: [{path: {type: PathPrefix, value: /full}}]
                  filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /replaced}}}]
                  backendRefs: [{name: web, port: 80}]
                - matches: [{path: {type: PathPrefix, value: /api}}]
                  filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}}]
                  backendRefs: [{name: web, port: 80}]
                - matches: [{path: {type: PathPrefix, value: /strip}}]
                  filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
                  backendRefs: [{name: web, port: 80}]
                """)
            .HttpRoute("forwarded", ["gw"], ["fwd.example.com"], [RouteRule.To(new BackendRef("web", 80))])
            .GrpcRoute("forwarded", ["gw"], ["fwd.example.com"], [RouteRule.To(new BackendRef("echo", 8080))]);
    }
}

/// <summary>The filter test classes share one gateway.</summary>
[CollectionDefinition(Name)]
public sealed class FiltersCollection : ICollectionFixture<FiltersFixture>
{
    public const string Name = "Filters";
}

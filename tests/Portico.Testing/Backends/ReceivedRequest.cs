namespace Portico.Testing;

/// <summary>One request as a <see cref="TestBackend"/> received it (health probes are not recorded).</summary>
/// <param name="Protocol">For example <c>HTTP/2</c> or <c>HTTP/1.1</c>.</param>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Target">The raw request target (<c>:path</c>), query included.</param>
/// <param name="Authority"><c>:authority</c> (HTTP/2) or <c>Host</c> (HTTP/1.1).</param>
/// <param name="Headers">Lower-case names; repeated values joined with ",".</param>
/// <param name="IsGrpc">The content type starts with <c>application/grpc</c>.</param>
/// <param name="Sni">The TLS server name the client sent, when the backend uses TLS.</param>
public sealed record ReceivedRequest(
    string Protocol,
    string Method,
    string Target,
    string Authority,
    IReadOnlyDictionary<string, string> Headers,
    bool IsGrpc,
    string? Sni);

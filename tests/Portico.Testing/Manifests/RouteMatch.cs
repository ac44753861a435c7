namespace Portico.Testing;

/// <summary>YAML for common route matches, to use in <see cref="RouteRule.Matches"/>.</summary>
public static class RouteMatch
{
    /// <summary>A GRPCRoute method match; null service or method leaves that field out.</summary>
    public static string GrpcMethod(string? service, string? method = null, string type = "Exact") =>
        "method:\n  type: " + YamlEmitter.Quote(type)
        + (service is null ? string.Empty : "\n  service: " + YamlEmitter.Quote(service))
        + (method is null ? string.Empty : "\n  method: " + YamlEmitter.Quote(method));

    public static string PathPrefix(string value) => Path("PathPrefix", value);

    public static string ExactPath(string value) => Path("Exact", value);

    public static string Path(string type, string value) =>
        "path:\n  type: " + YamlEmitter.Quote(type) + "\n  value: " + YamlEmitter.Quote(value);

    /// <summary>A header match; works for both route kinds.</summary>
    public static string Header(string name, string value, string type = "Exact") =>
        "headers:\n- type: " + YamlEmitter.Quote(type) + "\n  name: " + YamlEmitter.Quote(name) + "\n  value: " + YamlEmitter.Quote(value);
}

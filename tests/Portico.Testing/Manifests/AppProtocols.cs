namespace Portico.Testing;

/// <summary>Common <c>appProtocol</c> values (KEP-3726 and IANA names).</summary>
public static class AppProtocols
{
    public const string H2c = "kubernetes.io/h2c";
    public const string Http = "http";
    public const string Https = "https";
    public const string Grpc = "grpc";
}

namespace Portico.Model.GatewayApi;

public static class ListenerProtocol
{
    public const string Http = "HTTP";
    public const string Https = "HTTPS";
    public const string Tls = "TLS";
    public const string Tcp = "TCP";
    public const string Udp = "UDP";
}

namespace Portico.Model.GatewayApi;

public static class AddressType
{
    public const string IPAddress = "IPAddress";
    public const string Hostname = "Hostname";
}

namespace Portico.Model.Core;

public static class ServiceType
{
    public const string ClusterIP = "ClusterIP";
    public const string ExternalName = "ExternalName";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
}

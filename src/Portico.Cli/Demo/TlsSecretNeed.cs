namespace Portico.Cli.Demo;

/// <summary>A TLS Secret some Gateway listener names, and the DNS names a certificate for it should carry.</summary>
internal sealed record TlsSecretNeed(string Namespace, string Name, IReadOnlyList<string> DnsNames)
{
    public string FullName => $"{Namespace}/{Name}";
}

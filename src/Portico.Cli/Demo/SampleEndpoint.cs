using System.Net;

namespace Portico.Cli.Demo;

/// <summary>Where one sample instance runs: an endpoint of a Service's EndpointSlice.</summary>
/// <param name="Service">The Service, <c>namespace/name</c>.</param>
/// <param name="InstanceName">Its replies' <c>server_version</c>: the Service's name, numbered when it has several endpoints.</param>
internal sealed record SampleEndpoint(string Service, string InstanceName, IPAddress Address, int Port)
{
    public string EndPointText => $"{Address}:{Port}";
}

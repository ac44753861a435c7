using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portico.Routing.Actions;

namespace Portico.Proxy.Compilation;

/// <summary>A header modifier ready to apply: remove, then set, then add (append).</summary>
internal sealed class CompiledHeaders(HeaderModifier modifier)
{
    private readonly string[] _remove = [.. modifier.Remove];
    private readonly HeaderValue[] _set = [.. modifier.Set];
    private readonly HeaderValue[] _add = [.. modifier.Add];

    public static CompiledHeaders? From(HeaderModifier? modifier) => modifier is null ? null : new CompiledHeaders(modifier);

    public void Apply(IHeaderDictionary headers)
    {
        foreach (var name in _remove)
        {
            headers.Remove(name);
        }

        foreach (var h in _set)
        {
            headers[h.Name] = h.Value;
        }

        foreach (var h in _add)
        {
            headers[h.Name] = headers.TryGetValue(h.Name, out var existing) ? StringValues.Concat(existing, h.Value) : new StringValues(h.Value);
        }
    }

    /// <summary>For upstream requests built by YARP (<see cref="System.Net.Http.HttpRequestMessage"/>).</summary>
    public void Apply(System.Net.Http.HttpRequestMessage request) => Apply(new Forwarding.HttpRequestMessageTarget(request, string.Empty, grpc: false, endpoint: null));

    /// <summary>For upstream requests on any forwarding path (<see cref="Forwarding.IUpstreamRequest"/>).</summary>
    public void Apply<T>(T request)
        where T : struct, Forwarding.IUpstreamRequest
    {
        foreach (var name in _remove)
        {
            request.RemoveHeader(name);
        }

        foreach (var h in _set)
        {
            request.RemoveHeader(h.Name);
            request.AddHeader(h.Name, h.Value);
        }

        foreach (var h in _add)
        {
            request.AddHeader(h.Name, h.Value);
        }
    }
}

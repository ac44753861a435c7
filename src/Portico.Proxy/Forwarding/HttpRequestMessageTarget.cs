using Microsoft.AspNetCore.Http;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// <see cref="IUpstreamRequest"/> over an <see cref="HttpRequestMessage"/> (YARP and direct paths). A header the
/// request collection refuses (a content header such as <c>content-type</c>) goes on the content.
/// </summary>
/// <param name="endpoint">With <paramref name="grpc"/>: a path kept without a query takes the endpoint's cached URI; null when the URI is already set.</param>
internal readonly struct HttpRequestMessageTarget(HttpRequestMessage request, string destinationPrefix, bool grpc, Backends.EndpointState? endpoint) : IUpstreamRequest
{
    public string? GetHeader(string name)
    {
        if (request.Headers.NonValidated.TryGetValues(name, out var values))
        {
            return values.ToString();
        }

        return request.Content is { } content && content.Headers.NonValidated.TryGetValues(name, out values) ? values.ToString() : null;
    }

    public void RemoveHeader(string name)
    {
        // Remove throws for a name of the other collection's kind (e.g. TE on content headers); the non-validated
        // lookup never does.
        if (request.Headers.NonValidated.Contains(name))
        {
            request.Headers.Remove(name);
        }

        if (request.Content is { } content && content.Headers.NonValidated.Contains(name))
        {
            content.Headers.Remove(name);
        }
    }

    public void AddHeader(string name, string value)
    {
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public void SetAuthority(string? authority) => request.Headers.Host = authority;

    public void SetPath(string path, string? query) => request.RequestUri = new Uri(destinationPrefix + path + query, UriKind.Absolute);

    public void KeepPath(PathString path, QueryString query)
    {
        if (grpc && endpoint is not null && !query.HasValue)
        {
            request.RequestUri = endpoint.GrpcUri(path);
        }
    }
}

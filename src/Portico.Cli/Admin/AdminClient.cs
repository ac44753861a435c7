using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Routing.Table;
using Portico.Translation.Output;

namespace Portico.Cli.Admin;

/// <summary>
/// Reads a running gateway's admin API for <c>portico get/describe/routes</c>. Every failure becomes an
/// <see cref="AdminApiException"/> whose message names the address, so the command can print it as it is.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    public AdminClient(Uri baseAddress, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress;

        // No proxy: the admin API is on loopback or a private address, never behind the user's HTTP(S)_PROXY.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = timeout }) { BaseAddress = baseAddress, Timeout = timeout };
    }

    public Uri BaseAddress { get; }

    /// <summary><c>host:port</c> as the user typed it in <c>--admin-address</c>, for messages.</summary>
    public string Address => BaseAddress.Authority;

    public async Task<AdminObjects> GetObjectsAsync(CancellationToken cancellationToken)
    {
        var document = await GetJsonAsync("api/v1/objects", cancellationToken).ConfigureAwait(false);
        try
        {
            return AdminObjects.Parse(document);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new AdminApiException($"the admin API at {Address} sent an objects document this portico cannot read: {e.Message}", e);
        }
    }

    public async Task<RouteTable> GetRouteTableAsync(CancellationToken cancellationToken)
    {
        var document = await GetJsonAsync("api/v1/config", cancellationToken).ConfigureAwait(false);
        try
        {
            return (RouteTable?)document.Deserialize(TranslationJson.Lenient.GetTypeInfo(typeof(RouteTable)))
                ?? throw new AdminApiException($"the admin API at {Address} sent an empty route table");
        }
        catch (JsonException e)
        {
            throw new AdminApiException($"the admin API at {Address} sent a route table this portico cannot read: {e.Message}", e);
        }
    }

    private async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AdminApiException($"cannot reach the Portico admin API at {Address}: {Reason(e)}. " +
                "Is 'portico run' running there? Point --admin-address at its admin API.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminApiException($"the Portico admin API at {Address} did not answer within {_http.Timeout.TotalSeconds:0.#} s", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new AdminApiException($"the admin API at {Address} has no /{path} (is it an older Portico, or not Portico at all?)");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new AdminApiException($"the admin API at {Address} answered {(int)response.StatusCode} {response.ReasonPhrase} for /{path}");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonNode.Parse(text) ?? throw new AdminApiException($"the admin API at {Address} sent an empty document for /{path}");
            }
            catch (JsonException e)
            {
                throw new AdminApiException($"the admin API at {Address} sent something that is not JSON for /{path}", e);
            }
        }
    }

    // "Connection refused (127.0.0.1:9901)" already names the address; say the cause in plain words instead.
    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.TimedOut } => "connection timed out",
        SocketException s => s.Message,
        _ => e.HttpRequestError == HttpRequestError.ConnectionError ? "connection failed" : e.Message,
    };

    public void Dispose() => _http.Dispose();
}

using System.Net;

namespace Portico.Testing.Tests;

public sealed class HttpBackendTests
{
    [Fact]
    public async Task Http1_backend_echoes_request_as_json()
    {
        await using var backend = await TestBackend.StartAsync("web", TestBackendOptions.Http1Only);
        using var client = TestHttpClients.Http1(backend.Port, "shop.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/items?x=1&y=%20z") { Content = new StringContent("body!") };
        request.Headers.Add("X-Custom", "v");

        using var response = await client.SendAsync(request);
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("web", echo.Server);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/api/items", echo.Path);
        Assert.Equal("x=1&y=%20z", echo.Query);
        Assert.Equal($"shop.example.com:{backend.Port}", echo.Authority);
        Assert.Equal("HTTP/1.1", echo.Protocol);
        Assert.Equal("v", echo.Headers["x-custom"]);
        Assert.Equal(5, echo.BodyLength);
        Assert.Equal("body!", echo.Body);
        Assert.Equal("web", response.Headers.GetValues(TestBackend.ServerHeader).Single());
        Assert.Equal(1, backend.HttpRequestsReceived);
    }

    [Fact]
    public async Task Status_and_set_header_query_options_shape_the_response()
    {
        await using var backend = await TestBackend.StartAsync("web", TestBackendOptions.Http1Only);
        using var client = TestHttpClients.Http1(backend.Port);

        using var response = await client.GetAsync("/x?status=418&set-header=x-a:1&set-header=x-b:%202");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-a").Single());
        Assert.Equal("2", response.Headers.GetValues("x-b").Single());
        Assert.Equal("/x", (await HttpEchoResponse.ReadAsync(response)).Path);
    }

    [Fact]
    public async Task Sleep_honours_client_abort_and_counts_it()
    {
        await using var backend = await TestBackend.StartAsync("web", TestBackendOptions.Http1Only);
        using var client = TestHttpClients.Http1(backend.Port);
        using var abort = new CancellationTokenSource();

        // Aborted only once the backend is in the call (a fixed client timeout could fire before a cold backend sees it).
        var call = client.GetAsync("/slow?sleep=30000", abort.Token);
        await backend.WaitUntilAsync(b => b.ActiveCalls == 1);
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await backend.WaitUntilAsync(b => b.CancellationsObserved == 1 && b.ActiveCalls == 0); // well before the 30 s sleep
    }

    [Fact]
    public async Task H2c_client_reaches_http2_backend_catch_all()
    {
        await using var backend = await TestBackend.StartAsync("h2");
        using var client = TestHttpClients.H2c(backend.Port);

        using var response = await client.GetAsync("/");
        var echo = await HttpEchoResponse.ReadAsync(response);

        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("HTTP/2", echo.Protocol);
        Assert.Equal("/", echo.Path);
    }

    [Fact]
    public async Task Forced_http_status_applies_to_every_request()
    {
        await using var backend = await TestBackend.StartAsync("web", TestBackendOptions.Http1Only);
        using var client = TestHttpClients.Http1(backend.Port);
        backend.ForcedHttpStatus = 503;

        using var response = await client.GetAsync("/?status=200");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Static_response_headers_are_added()
    {
        var options = new TestBackendOptions { Protocol = BackendProtocol.Http1, ResponseHeaders = new Dictionary<string, string> { ["x-static"] = "s" } };
        await using var backend = await TestBackend.StartAsync("web", options);
        using var client = TestHttpClients.Http1(backend.Port);

        using var response = await client.GetAsync("/");

        Assert.Equal("s", response.Headers.GetValues("x-static").Single());
    }
}

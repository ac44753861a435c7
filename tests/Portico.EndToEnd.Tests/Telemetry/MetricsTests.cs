using System.Net;
using Grpc.Core;
using Portico.EndToEnd.Tests.Support;
using Portico.Testing;
using Portico.Testing.Protos;
using static Portico.EndToEnd.Tests.Telemetry.MetricsFixture;

namespace Portico.EndToEnd.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> after known traffic: the grpc-ecosystem families with their label names, order and Go code names,
/// message counts and <c>grpc_type</c> per call type, the cardinality guard for unmatched calls, the gateway's own
/// replies, the per-route/backend/HTTP families and the control plane's. Every assertion is on the difference
/// between a scrape before and one after the traffic, so the tests do not depend on each other's order.
/// </summary>
public sealed class MetricsTests(MetricsFixture fixture) : IClassFixture<MetricsFixture>
{
    private const string Handled = "grpc_server_handled_total";
    private const string Started = "grpc_server_started_total";
    private const string Received = "grpc_server_msg_received_total";
    private const string Sent = "grpc_server_msg_sent_total";
    private const string Echo = "portico.test.Echo";

    private Echo.EchoClient EchoClient => new(fixture.Channel(EchoHost));

    [Fact]
    public async Task UnaryCalls_AreCountedInTheGrpcEcosystemFamilies_WithDeclaredLabelOrderAndHelp()
    {
        var before = await fixture.ScrapeAsync();
        for (var i = 0; i < 3; i++)
        {
            await EchoClient.UnaryAsync(new EchoRequest { Message = "hi" });
        }

        var after = await EventuallyAsync(s => Scrape.DeltaSum(before, s, Handled, ("grpc_method", "Unary"), ("grpc_code", "OK")) >= 3);
        var unary = new[] { ("grpc_type", "unary"), ("grpc_service", Echo), ("grpc_method", "Unary") };
        Assert.Equal(3, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "OK")]));
        Assert.Equal(3, Scrape.DeltaSum(before, after, Started, unary));
        Assert.Equal(3, Scrape.DeltaSum(before, after, Received, unary));
        Assert.Equal(3, Scrape.DeltaSum(before, after, Sent, unary));
        Assert.Equal(3, Scrape.DeltaSum(before, after, "grpc_server_handling_seconds_count", unary));
        Assert.Equal(3, Scrape.DeltaSum(before, after, "portico_requests_total", ("route", EchoRoute), ("code", "OK")));
        var backend = Assert.Single(after.Series("portico_backend_requests_total"), s => s.Has(("route", EchoRoute), ("code", "OK")));
        Assert.StartsWith("service/default/ok/", backend["backend"], StringComparison.Ordinal);
        Assert.Equal(3, Scrape.DeltaSum(before, after, "portico_backend_request_duration_seconds_count", ("backend", backend["backend"])));

        // The exposition itself: label order as go-grpc-prometheus declares it, HELP and TYPE, DefBuckets.
        var text = after.Text;
        Assert.Contains("grpc_server_handled_total{grpc_type=\"unary\",grpc_service=\"portico.test.Echo\",grpc_method=\"Unary\",grpc_code=\"OK\"}", text, StringComparison.Ordinal);
        Assert.Contains("# HELP grpc_server_handled_total Total number of RPCs completed on the server, regardless of success or failure.", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE grpc_server_handling_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE grpc_server_started_total counter", text, StringComparison.Ordinal);
        var buckets = after.Series("grpc_server_handling_seconds_bucket").Where(s => s.Has(unary)).Select(s => s["le"]).ToList();
        Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets);
    }

    [Fact]
    public async Task Streams_CountMessagesBothWays_AndCarryTheirInferredType()
    {
        var before = await fixture.ScrapeAsync();
        for (var i = 0; i < 2; i++)
        {
            using var server = EchoClient.ServerStream(new StreamRequest { Count = 5 });
            await foreach (var _ in server.ResponseStream.ReadAllAsync())
            {
            }
        }

        using (var client = EchoClient.ClientStream())
        {
            for (var i = 0; i < 4; i++)
            {
                await client.RequestStream.WriteAsync(new EchoRequest { Message = $"m{i}" });
            }

            await client.RequestStream.CompleteAsync();
            Assert.Equal(4, (await client.ResponseAsync).Count);
        }

        using (var bidi = EchoClient.Bidi())
        {
            for (var i = 0; i < 3; i++)
            {
                await bidi.RequestStream.WriteAsync(new EchoRequest { Message = $"b{i}" });
                Assert.True(await bidi.ResponseStream.MoveNext());
            }

            await bidi.RequestStream.CompleteAsync();
            Assert.False(await bidi.ResponseStream.MoveNext());
        }

        var after = await EventuallyAsync(s => Scrape.DeltaSum(before, s, Handled, ("grpc_service", Echo), ("grpc_code", "OK")) >= 4);
        (string, string)[] Method(string type, string method) => [("grpc_type", type), ("grpc_service", Echo), ("grpc_method", method)];

        Assert.Equal(2, Scrape.DeltaSum(before, after, Handled, [.. Method("server_stream", "ServerStream"), ("grpc_code", "OK")]));
        Assert.Equal(2, Scrape.DeltaSum(before, after, Started, Method("server_stream", "ServerStream")));
        Assert.Equal(10, Scrape.DeltaSum(before, after, Sent, Method("server_stream", "ServerStream")));
        Assert.Equal(2, Scrape.DeltaSum(before, after, Received, Method("server_stream", "ServerStream")));

        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, [.. Method("client_stream", "ClientStream"), ("grpc_code", "OK")]));
        Assert.Equal(4, Scrape.DeltaSum(before, after, Received, Method("client_stream", "ClientStream")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, Sent, Method("client_stream", "ClientStream")));

        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, [.. Method("bidi_stream", "Bidi"), ("grpc_code", "OK")]));
        Assert.Equal(3, Scrape.DeltaSum(before, after, Received, Method("bidi_stream", "Bidi")));
        Assert.Equal(3, Scrape.DeltaSum(before, after, Sent, Method("bidi_stream", "Bidi")));

        // No other type was used for these methods in this window.
        Assert.Equal(0, Scrape.DeltaSum(before, after, Handled, Method("unary", "ServerStream")));
    }

    [Fact]
    public async Task CallsMatchingNoRoute_CountAsUnknown_NotUnderTheirMethodName()
    {
        var before = await fixture.ScrapeAsync();
        var outcome = await GrpcCalls.OutcomeAsync(fixture.Channel(EchoHost).CreateCallInvoker(), "portico.test.Nowhere", "ClientChosen123");
        Assert.Equal("Unimplemented", outcome);

        var after = await EventuallyAsync(s => Scrape.DeltaSum(before, s, Handled, ("grpc_service", "unknown")) >= 1);
        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, ("grpc_type", "unary"), ("grpc_service", "unknown"), ("grpc_method", "unknown"), ("grpc_code", "Unimplemented")));
        Assert.DoesNotContain(after.Samples, s => s["grpc_method"] == "ClientChosen123" || s["grpc_service"] == "portico.test.Nowhere");
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_requests_total", ("route", "none"), ("code", "Unimplemented")));
    }

    [Fact]
    public async Task StatusCodes_UseGoNames_ForBackendFailures_ClientCancels_Deadlines_AndGatewayReplies()
    {
        var before = await fixture.ScrapeAsync();

        // A backend failure (trailers-only NotFound from the backend).
        var e = await Assert.ThrowsAsync<RpcException>(() => EchoClient.UnaryAsync(new EchoRequest { FailCode = 5 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);

        // The client cancels a call in flight.
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            e = await Assert.ThrowsAsync<RpcException>(() => EchoClient.UnaryAsync(new EchoRequest { SleepMs = 5000 }, cancellationToken: cancel.Token).ResponseAsync);
            Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        }

        // The client's deadline runs out (the client and the gateway both enforce it).
        e = await Assert.ThrowsAsync<RpcException>(() =>
            EchoClient.UnaryAsync(new EchoRequest { SleepMs = 5000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);

        // A grpc-timeout the client itself does not enforce: the gateway answers DEADLINE_EXCEEDED.
        using (var http = TestHttpClients.H2c(fixture.Port, EchoHost))
        {
            using var request = GrpcWire.Request("/portico.test.Echo/Unary", new EchoRequest { SleepMs = 5000 }, grpcTimeout: "200m");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("4", GrpcWire.Status(response));
        }

        // The gateway's own reply: no ready endpoint.
        e = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(fixture.Channel(DownHost)).UnaryAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);

        var unary = new[] { ("grpc_service", Echo), ("grpc_method", "Unary") };
        var after = await EventuallyAsync(s =>
            Scrape.DeltaSum(before, s, Handled, [.. unary, ("grpc_code", "Canceled")]) >= 1 &&
            Scrape.DeltaSum(before, s, Handled, [.. unary, ("grpc_code", "DeadlineExceeded")]) >= 2 &&
            Scrape.DeltaSum(before, s, Handled, [.. unary, ("grpc_code", "Unavailable")]) >= 1);
        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "NotFound")]));
        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "Canceled")]));
        Assert.Equal(2, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "DeadlineExceeded")]));
        Assert.Equal(1, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "Unavailable")]));
        Assert.Equal(0, Scrape.DeltaSum(before, after, Handled, [.. unary, ("grpc_code", "Cancelled")]));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_requests_total", ("route", DownRoute), ("code", "Unavailable")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_request_errors_total", ("route", DownRoute), ("code", "Unavailable")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_backend_errors_total", ("route", DownRoute), ("code", "Unavailable")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_request_errors_total", ("route", EchoRoute), ("code", "NotFound")));
    }

    [Fact]
    public async Task AlertExpression_FiresForTheFailingServiceOnly_OverTwoScrapes()
    {
        // Warm-up: every series the alert reads exists before the first scrape (as it would in a running gateway).
        var other = new Other.OtherClient(fixture.Channel(EchoHost));
        await other.CallAsync(new EchoRequest());
        await Assert.ThrowsAsync<RpcException>(() => other.CallAsync(new EchoRequest { FailCode = 13 }).ResponseAsync);
        await EchoClient.UnaryAsync(new EchoRequest());
        await EventuallyAsync(s => s.Sum(Handled, ("grpc_service", "portico.test.Other"), ("grpc_code", "Internal")) >= 1);

        var first = await fixture.ScrapeAsync();
        for (var i = 0; i < 20; i++)
        {
            await EchoClient.UnaryAsync(new EchoRequest());
        }

        for (var i = 0; i < 16; i++)
        {
            try
            {
                await other.CallAsync(new EchoRequest { FailCode = i % 4 == 0 ? 13 : 0 });
            }
            catch (RpcException)
            {
            }
        }

        var second = await EventuallyAsync(s =>
            Scrape.DeltaSum(first, s, Handled, ("grpc_service", "portico.test.Other")) >= 16 &&
            Scrape.DeltaSum(first, s, Handled, ("grpc_service", Echo)) >= 20);

        // sum(rate(grpc_server_handled_total{grpc_code!="OK"}[5m])) by (grpc_service)
        //   / sum(rate(grpc_server_handled_total[5m])) by (grpc_service) > 0.05
        var firing = AlertFiring(first, second, 0.05);
        Assert.True(firing.ContainsKey("portico.test.Other"), $"expected the alert for portico.test.Other; ratios: {Describe(first, second)}");
        Assert.Equal(4.0 / 16, firing["portico.test.Other"], 3);
        Assert.False(firing.ContainsKey(Echo), $"the healthy service must not fire; ratios: {Describe(first, second)}");
    }

    [Fact]
    public async Task HttpRequests_AreCountedByRouteMethodAndStatus_AndNotAsGrpc()
    {
        var before = await fixture.ScrapeAsync();
        using var http = TestHttpClients.Http1(fixture.Port, WebHost);
        using (var ok = await http.GetAsync(new Uri("/shop", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var failed = await http.GetAsync(new Uri("/shop?status=503", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        using (var brew = await http.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), "/pot")))
        {
            Assert.Equal(HttpStatusCode.OK, brew.StatusCode);
        }

        var after = await EventuallyAsync(s => Scrape.DeltaSum(before, s, "portico_http_requests_total", ("route", WebRoute)) >= 3);
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_http_requests_total", ("route", WebRoute), ("method", "GET"), ("code", "200")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_http_requests_total", ("route", WebRoute), ("method", "GET"), ("code", "503")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_http_requests_total", ("route", WebRoute), ("method", "OTHER"), ("code", "200")));
        Assert.Equal(2, Scrape.DeltaSum(before, after, "portico_http_request_duration_seconds_count", ("route", WebRoute), ("method", "GET")));
        Assert.Equal(1, Scrape.DeltaSum(before, after, "portico_request_errors_total", ("route", WebRoute), ("code", "503")));
        Assert.Equal(0, Scrape.DeltaSum(before, after, Handled, ("grpc_service", "unknown")));
    }

    [Fact]
    public async Task Gauges_ShowActiveStreams_EndpointHealth_AndTheControlPlane()
    {
        var scrape = await fixture.ScrapeAsync();
        var ok = Assert.Single(scrape.Series("portico_backend_endpoints"), s => s["backend"].StartsWith("service/default/ok/", StringComparison.Ordinal) && s["state"] == "ready");
        Assert.Equal(1, ok.Value);
        Assert.Equal(0, scrape.Sum("portico_backend_endpoints", ("backend", ok["backend"]), ("state", "not_ready")));
        var unready = Assert.Single(scrape.Series("portico_backend_endpoints"), s => s["backend"].StartsWith("service/default/unready/", StringComparison.Ordinal) && s["state"] == "not_ready");
        Assert.Equal(1, unready.Value);

        Assert.True(scrape.Sum("portico_config_reloads_total", ("result", "success")) >= 1);
        Assert.Equal(0, scrape.Sum("portico_config_reloads_total", ("result", "failure")));
        Assert.Equal(2, scrape.Sum("portico_objects", ("kind", "GRPCRoute"), ("condition", "Accepted"), ("status", "True")));
        Assert.Equal(1, scrape.Sum("portico_objects", ("kind", "HTTPRoute"), ("condition", "Accepted"), ("status", "True")));
        Assert.Equal(1, scrape.Sum("portico_objects", ("kind", "Gateway"), ("condition", "Programmed"), ("status", "True")));
        Assert.True(scrape.Sum("portico_translation_seconds_count") >= 1);
        var applied = DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Sum("portico_last_successful_apply_timestamp_seconds") * 1000));
        Assert.InRange(applied, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));

        // A stream in flight shows in the route's and the backend's gauges, and leaves them when it ends.
        using (var stream = EchoClient.ServerStream(new StreamRequest { Count = 1, HoldMs = 5000, HeadersFirst = true }))
        {
            await stream.ResponseHeadersAsync;
            var during = await fixture.ScrapeAsync();
            Assert.Equal(1, during.Sum("portico_active_streams", ("route", EchoRoute)));
            Assert.Equal(1, during.Sum("portico_backend_active_streams", ("backend", ok["backend"])));
        }

        await EventuallyAsync(s => s.Sum("portico_active_streams", ("route", EchoRoute)) == 0 && s.Sum("portico_backend_active_streams", ("backend", ok["backend"])) == 0);
    }

    [Fact]
    public async Task RequestIds_AreGeneratedWhenAbsent_AndPassedThroughWhenPresent_BothWays()
    {
        var call = EchoClient.UnaryAsync(new EchoRequest());
        var reply = await call.ResponseAsync;
        var generated = reply.Metadata["x-request-id"];
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", generated);
        Assert.Equal(generated, (await call.ResponseHeadersAsync).GetValue("x-request-id"));

        call = EchoClient.UnaryAsync(new EchoRequest(), new Metadata { { "x-request-id", "client-chosen-42" } });
        reply = await call.ResponseAsync;
        Assert.Equal("client-chosen-42", reply.Metadata["x-request-id"]);
        Assert.Equal("client-chosen-42", (await call.ResponseHeadersAsync).GetValue("x-request-id"));

        // Gateway replies carry one too.
        using var http = TestHttpClients.Http1(fixture.Port, "nothing-here.example.com");
        using var notFound = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.True(notFound.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task TracingOff_TheClientsTraceparentPassesThroughUnchanged()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var reply = await EchoClient.UnaryAsync(new EchoRequest(), new Metadata { { "traceparent", traceParent }, { "tracestate", "vendor=1" } });
        Assert.Equal(traceParent, reply.Metadata["traceparent"]);
        Assert.Equal("vendor=1", reply.Metadata["tracestate"]);
    }

    /// <summary>Services for which the alert fires: per-service error ratio of the deltas between two scrapes.</summary>
    internal static Dictionary<string, double> AlertFiring(Scrape first, Scrape second, double threshold) =>
        Ratios(first, second).Where(r => r.Value > threshold).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    private static Dictionary<string, double> Ratios(Scrape first, Scrape second)
    {
        var deltas = Scrape.Delta(first, second, Handled).ToList();
        var errors = deltas.Where(s => s["grpc_code"] != "OK").GroupBy(s => s["grpc_service"]).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        var all = deltas.GroupBy(s => s["grpc_service"]).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

        // PromQL's vector division: only services present on both sides; x/0 is NaN or Inf, never "> threshold" here
        // because a service with errors has a non-zero total.
        return errors.Where(e => all.TryGetValue(e.Key, out var total) && total > 0)
            .ToDictionary(e => e.Key, e => e.Value / all[e.Key], StringComparer.Ordinal);
    }

    private static string Describe(Scrape first, Scrape second) =>
        string.Join(", ", Ratios(first, second).Select(r => $"{r.Key}={r.Value:0.###}"));

    private async Task<Scrape> EventuallyAsync(Func<Scrape, bool> accept) =>
        await Eventually.ReturnsAsync(fixture.ScrapeAsync, accept, TimeSpan.FromSeconds(10));
}

using System.Globalization;
using Portico.Cli.Demo.Verify;

namespace Portico.Cli.Demo;

/// <summary>
/// What <c>portico demo</c> prints once everything runs: the sample instances, the listeners (with their shifted
/// ports), and copy-paste commands — grpcurl with <c>-authority</c>/<c>-servername</c>/<c>-cacert</c>, since the
/// guide's hostnames have no DNS here, and the same first call in C#.
/// </summary>
internal static class DemoInstructions
{
    public static void Write(DemoSession session, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var plan = session.Plan;
        output.WriteLine($"portico demo: {string.Join(", ", plan.Options.ConfigPaths)}" +
            (plan.Options.PortOffset == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (listener ports + {plan.Options.PortOffset})")));
        output.WriteLine();
        output.WriteLine("Sample instances (server_version, h2c, health and reflection on):");
        TextColumns.Write(output, [.. session.Samples.Servers.Select(s => new[] { s.Name, $"{s.Address}:{s.Port}" })], "  ");
        output.WriteLine("Gateway listeners:");
        TextColumns.Write(output, [.. session.Listeners.Select(l => new[]
        {
            l.Gateway, l.Listener, l.Protocol, l.EndPoint.ToString(),
            l.ManifestPort == l.EndPoint.Port ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"(manifest: {l.ManifestPort})"),
            l.Hostname ?? string.Empty,
        })], "  ");
        WriteTls(plan, output);
        output.WriteLine($"Admin API: {session.Gateway.AdminUri}  (status: curl -s {new Uri(session.Gateway.AdminUri, "api/v1/status")})");
        output.WriteLine();
        WriteGrpcurl(session, output);
        WriteMonitoring(session, output);
        WriteCSharp(session, output);
        output.WriteLine("Check everything at once: portico demo --verify" +
            (plan.Options.PortOffset == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" --port-offset {plan.Options.PortOffset}")) +
            "   Ctrl-C stops everything.");
    }

    private static void WriteTls(DemoPlan plan, TextWriter output)
    {
        foreach (var secret in plan.Tls.Generated)
        {
            output.WriteLine($"TLS Secret {secret.FullName}: {string.Join(", ", secret.DnsNames)} (generated)");
        }

        foreach (var secret in plan.Tls.Provided)
        {
            output.WriteLine($"TLS Secret {secret}: from the manifests");
        }

        if (plan.Tls.CaCertificateFile is { } ca)
        {
            output.WriteLine($"CA certificate (trust it in clients): {DemoWorkspace.Display(ca)}");
        }
    }

    private static void WriteGrpcurl(DemoSession session, TextWriter output)
    {
        var protos = ProtoDirectory();
        var ca = session.Plan.Tls.CaCertificateFile is { } file ? $"-cacert {DemoWorkspace.Display(file)}" : "-insecure";
        string Tls(string host, string proto) => $"grpcurl {ca} -servername {host} -authority {host} -import-path {protos} -proto {proto}";

        output.WriteLine("Try it (grpcurl; calls through the gateway name the .proto, since reflection is not routed):");
        if (Find(session, Walkthrough.GrpcGateway, Walkthrough.TlsListener) is { } tls)
        {
            output.WriteLine("  # the guide's step 4: GetUser through grpc-gateway, TLS with SNI user.api.example.com → user-service-reader");
            output.WriteLine($"  {Tls(Walkthrough.UserHost, "user/v1/user.proto")} \\");
            output.WriteLine($"    -d '{{\"user_id\": \"123\"}}' -H \"x-request-id: test-001\" {tls} user.v1.UserService/GetUser");
            output.WriteLine("  # writes go to user-service-writer");
            output.WriteLine($"  {Tls(Walkthrough.UserHost, "user/v1/user.proto")} -d '{{\"name\": \"Kim\"}}' {tls} user.v1.UserService/CreateUser");
        }

        if (Find(session, Walkthrough.ProductionGateway, Walkthrough.HttpsListener) is { } https)
        {
            output.WriteLine("  # canary-route (90/10): 100 calls, counted per instance");
            output.WriteLine($"  for i in $(seq 1 100); do {Tls(Walkthrough.ApiHost, "order/v1/order.proto")} \\");
            output.WriteLine($"    -d '{{\"order_id\": \"1001\"}}' {https} order.v1.OrderService/GetOrder 2>&1 | grep server_version; done | sort | uniq -c");
            output.WriteLine("  # ab-test-route: treatment-a → recommendation-v2, anything else → recommendation-v1");
            output.WriteLine($"  {Tls(Walkthrough.ApiHost, "recommendation/v1/recommendation.proto")} \\");
            output.WriteLine($"    -H \"x-experiment-group: treatment-a\" -d '{{\"user_id\": \"123\"}}' {https} recommendation.v1.RecommendationService/GetRecommendations");
        }

        if (Find(session, Walkthrough.ProductionGateway, Walkthrough.HttpListener) is { } plain)
        {
            output.WriteLine("  # the cleartext listener (h2c)");
            output.WriteLine($"  grpcurl -plaintext -authority {Walkthrough.ApiHost} -import-path {protos} -proto order/v1/order.proto {plain} order.v1.OrderService/GetOrder");
        }

        if (session.Samples.Servers.FirstOrDefault() is { } sample)
        {
            output.WriteLine($"  # a sample instance directly ({sample.Name}): reflection and health work there");
            output.WriteLine($"  grpcurl -plaintext {sample.Address}:{sample.Port} list");
            output.WriteLine($"  grpcurl -plaintext {sample.Address}:{sample.Port} grpc.health.v1.Health/Check");
        }

        output.WriteLine();
    }

    /// <summary>The guide's kubectl steps, as the portico commands that read the demo's admin API.</summary>
    private static void WriteMonitoring(DemoSession session, TextWriter output)
    {
        var admin = session.Gateway.AdminUri;
        var option = $"--admin-address {admin.Host}:{admin.Port}";
        output.WriteLine("Status, as the guide's kubectl steps show it (portico reads the admin API; dashboard at " + admin + "):");
        output.WriteLine($"  portico get gateway -A {option}");
        output.WriteLine($"  portico describe gateway grpc-gateway -n infra {option}");
        output.WriteLine($"  portico get grpcroute -A {option}");
        output.WriteLine($"  portico describe grpcroute user-grpc-route -n app {option}");
        output.WriteLine();
    }

    private static void WriteCSharp(DemoSession session, TextWriter output)
    {
        if (Find(session, Walkthrough.GrpcGateway, Walkthrough.TlsListener) is not { } tls || session.Plan.Tls.CaCertificateFile is not { } ca)
        {
            return;
        }

        output.WriteLine("The same GetUser in C# (Grpc.Net.Client; the client is generated from user/v1/user.proto):");
        output.WriteLine($$"""
              var ca = X509Certificate2.CreateFromPem(File.ReadAllText("{{DemoWorkspace.Display(ca)}}"));
              var handler = new SocketsHttpHandler
              {
                  // No DNS for the guide's names: connect to the listener, keep the name for :authority and SNI.
                  ConnectCallback = async (_, ct) =>
                  {
                      var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                      await socket.ConnectAsync(IPEndPoint.Parse("{{tls}}"), ct);
                      return new NetworkStream(socket, ownsSocket: true);
                  },
                  SslOptions = { CertificateChainPolicy = new X509ChainPolicy
                  {
                      TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { ca }, RevocationMode = X509RevocationMode.NoCheck,
                  } },
              };
              using var channel = GrpcChannel.ForAddress("https://{{Walkthrough.UserHost}}:{{tls.Port}}", new GrpcChannelOptions { HttpHandler = handler });
              var reply = await new UserService.UserServiceClient(channel).GetUserAsync(
                  new GetUserRequest { UserId = "123" }, new Metadata { { "x-request-id", "test-001" } });
              Console.WriteLine(reply.ServerVersion); // user-service-reader
            """);
        output.WriteLine();
    }

    private static System.Net.IPEndPoint? Find(DemoSession session, string gateway, string listener) =>
        session.Listeners.FirstOrDefault(l => l.Gateway == gateway && l.Listener == listener)?.EndPoint;

    /// <summary>The samples' .proto files: the repository's when run from its root, else the copy beside the binaries.</summary>
    private static string ProtoDirectory()
    {
        var source = Path.Combine("samples", "Portico.Samples", "Protos");
        return Directory.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "Protos");
    }
}

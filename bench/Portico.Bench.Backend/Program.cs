using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Portico.Bench.Backend;

// The benchmark backend: h2c (prior knowledge) only, no logging, nothing but the Bench service.
// Usage: Portico.Bench.Backend [--port 50100] [--address 127.0.0.1]
var port = 50100;
var address = IPAddress.Loopback;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--address":
            address = IPAddress.Parse(args[i + 1]);
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown option {args[i]}").ConfigureAwait(false);
            return 2;
    }
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    // Enough streams per connection for proxies that multiplex every client onto one upstream connection.
    k.Limits.Http2.MaxStreamsPerConnection = 1000;
    k.Listen(address, port, l => l.Protocols = HttpProtocols.Http2);
});
builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 16 << 20);
builder.Services.AddSingleton<Counters>();
var app = builder.Build();
app.MapGrpcService<BenchService>();
await app.RunAsync().ConfigureAwait(false);
return 0;

using Microsoft.Extensions.Logging;
using Portico.Proxy.Listeners;

namespace Portico.Proxy.Tests.Listeners;

/// <summary>A listener manager with the test application and a log capture, disposed at the end of a test.</summary>
internal sealed class ListenerHarness : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    public ListenerHarness(ListenerManagerOptions? options = null)
    {
        _loggerFactory = Logs.CreateFactory();
        Manager = new ListenerManager(Application, options, _loggerFactory);
    }

    public TestSocketApplication Application { get; } = new();

    public LogCapture Logs { get; } = new();

    public ListenerManager Manager { get; }

    public static SocketSpec Cleartext(int port) => new("127.0.0.1", port, Tls: false);

    public static SocketSpec Tls(int port) => new("127.0.0.1", port, Tls: true);

    public Task<IReadOnlyDictionary<string, string>> ReconcileAsync(params SocketSpec[] sockets) =>
        Manager.ReconcileAsync(sockets, CancellationToken.None);

    /// <summary>Reconciles and fails the test if any socket did not bind.</summary>
    public async Task BindAsync(params SocketSpec[] sockets)
    {
        var errors = await ReconcileAsync(sockets);
        Assert.Empty(errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        _loggerFactory.Dispose();
        Logs.Dispose();
    }
}

using Microsoft.Extensions.Logging;

namespace Portico.Proxy.Listeners;

/// <summary>
/// The logger factory handed to Kestrel: the caller's, minus Kestrel's startup warning that a cleartext
/// HTTP/1.1 + HTTP/2 endpoint "will use HTTP/1.1". That is untrue here (the h2c sniffing serves HTTP/2 too), and a
/// warning on every bind would send operators chasing a non-problem.
/// </summary>
internal sealed class KestrelLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";
    private const string Http2DisabledEvent = "Http2DisabledWithHttp1AndNoTls";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == KestrelCategory ? new FilteringLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The caller owns the inner factory.
    public void Dispose()
    {
    }

    private sealed class FilteringLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != Http2DisabledEvent)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
